import { describe, expect, it } from 'vitest';
import { localeFromAcceptLanguage, supportedLocale } from '../../src/partner-center/client/locale.js';

describe('X-Locale from Accept-Language', () => {
  it.each([
    ['de-DE,de;q=0.9,en;q=0.8', 'de-DE'],
    ['FR-ca', 'fr-CA'],
    ['en;q=0.5, ja-JP;q=0.9', 'ja-JP'],
    ['de-BE', 'de-DE'], // not supported: the language's own-country locale
    ['zh', 'zh-CN'],
    ['pt', 'pt-PT'],
    ['xx-YY, nl-BE;q=0.3', 'nl-BE'],
    ['sr-latn-rs', 'sr-Latn-RS'],
    ['es-ES;q=0, it', 'it-IT'], // q=0 means "not this one"
    ['fr;q=0.5, de;q=0.5', 'fr-FR'], // ties keep header order
  ])('%s → %s', (header, locale) => {
    expect(localeFromAcceptLanguage(header, 'en-US')).toBe(locale);
  });

  it.each([[undefined], [null], [''], ['*'], ['xx'], ['de;q=2'], ['de;q=abc'], ['"><script>'], [`de,${'x'.repeat(2000)}`]])(
    'falls back for %s',
    (header) => {
      expect(localeFromAcceptLanguage(header, 'en-GB')).toBe('en-GB');
    },
  );

  it('answers a header seen before the same way, with each caller\'s own fallback when it names no supported locale', () => {
    for (let i = 0; i < 3; i++) {
      expect(localeFromAcceptLanguage('de-BE, en;q=0.8', 'en-US')).toBe('de-DE');
      expect(localeFromAcceptLanguage('xx-YY', 'en-GB')).toBe('en-GB');
      expect(localeFromAcceptLanguage('xx-YY', 'fr-FR')).toBe('fr-FR');
    }
  });

  it('knows supported cultures case-insensitively, in Partner Center\'s spelling', () => {
    expect(supportedLocale('EN-us')).toBe('en-US');
    expect(supportedLocale('de')).toBeUndefined();
  });
});
