/**
 * X-Locale (headers.md): the language Partner Center writes localized strings in, e.g. catalog titles. The
 * supported values are the cultures of "Partner Center supported languages and locales"; default en-US.
 */
import { LRUCache } from 'lru-cache';
const SUPPORTED = [
  'en-US', 'am-ET', 'ar-AE', 'ar-BH', 'ar-DZ', 'ar-EG', 'ar-IQ', 'ar-JO', 'ar-KW', 'ar-LB', 'ar-LY', 'ar-MA', 'ar-OM',
  'ar-QA', 'ar-SA', 'ar-TN', 'ar-YE', 'az-Latn-AZ', 'be-BY', 'bg-BG', 'bn-BD', 'bs-Latn-BA', 'ca-ES', 'cs-CZ', 'da-DK',
  'de-AT', 'de-CH', 'de-DE', 'de-LI', 'de-LU', 'dv-MV', 'el-GR', 'en-AU', 'en-BZ', 'en-GB', 'en-IE', 'en-IN', 'en-JM',
  'en-MY', 'en-NZ', 'en-PH', 'en-SG', 'en-TT', 'en-ZA', 'en-ZW', 'es-AR', 'es-BO', 'es-CL', 'es-CO', 'es-CR', 'es-DO',
  'es-EC', 'es-ES', 'es-GT', 'es-HN', 'es-MX', 'es-NI', 'es-PA', 'es-PE', 'es-PR', 'es-PY', 'es-SV', 'es-US', 'es-UY',
  'es-VE', 'et-EE', 'eu-ES', 'fi-FI', 'fo-FO', 'fr-BE', 'fr-CA', 'fr-CH', 'fr-FR', 'fr-LU', 'fr-MC', 'gl-ES', 'ha-Latn-NG',
  'he-IL', 'hi-IN', 'hr-HR', 'hu-HU', 'hy-AM', 'id-ID', 'is-IS', 'it-CH', 'it-IT', 'ja-JP', 'ka-GE', 'kk-KZ', 'km-KH',
  'ko-KR', 'ky-KG', 'lo-LA', 'lt-LT', 'lv-LV', 'mk-MK', 'mn-MN', 'ms-BN', 'mt-MT', 'nb-NO', 'ne-NP', 'nl-BE', 'nl-NL',
  'pl-PL', 'ps-AF', 'pt-BR', 'pt-CV', 'pt-PT', 'ro-RO', 'ru-RU', 'rw-RW', 'si-LK', 'sk-SK', 'sl-SI', 'sq-AL', 'sr-Cyrl-RS',
  'sr-Latn-ME', 'sr-Latn-RS', 'sv-FI', 'sv-SE', 'sw-KE', 'tg-Cyrl-TJ', 'th-TH', 'tk-TM', 'tr-TR', 'uk-UA', 'ur-PK',
  'uz-Latn-UZ', 'vi-VN', 'wo-SN', 'zh-CN', 'zh-HK', 'zh-MO', 'zh-SG', 'zh-TW',
] as const;

const BY_LOWER: ReadonlyMap<string, string> = new Map(SUPPORTED.map((locale) => [locale.toLowerCase(), locale]));

/** A bare language's locale: its own country when supported (`de` → de-DE), else its first in the list (`zh` → zh-CN). */
const BY_LANGUAGE: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>();
  for (const locale of SUPPORTED) {
    const language = locale.slice(0, locale.indexOf('-')).toLowerCase();
    const own = BY_LOWER.get(`${language}-${language}`);
    if (!map.has(language)) map.set(language, own ?? locale);
  }
  return map;
})();

/** The supported locale a tag names, case-insensitively, in Partner Center's spelling; undefined if none. */
export function supportedLocale(tag: string): string | undefined {
  return BY_LOWER.get(tag.trim().toLowerCase());
}

const MAX_HEADER = 1024;
const MAX_RANGES = 32;

/**
 * The locale to send for an Accept-Language header (RFC 9110 12.5.4): the highest-q range that names a
 * supported locale, or, failing an exact one, whose language has one (`de-BE` → de-DE).
 * Ranges with q=0, `*` and malformed ones are skipped; ties keep header order. Else `fallback`.
 */
export function localeFromAcceptLanguage(header: string | null | undefined, fallback: string): string {
  if (!header || header.length > MAX_HEADER) return fallback;
  let best = bestLocales.get(header);
  if (best === undefined) bestLocales.set(header, (best = bestLocale(header) ?? NONE));
  return best === NONE ? fallback : best;
}

/** What no supported locale is cached as (the fallback is the caller's, so it is not). */
const NONE = '';

/**
 * A browser sends the same Accept-Language with every request: each distinct value is parsed once. Bounded, as the
 * values are the callers' (at most MAX_HEADER characters each).
 */
const bestLocales = new LRUCache<string, string>({ max: 512 });

function bestLocale(header: string): string | undefined {
  const ranges = header
    .split(',')
    .slice(0, MAX_RANGES)
    .map((part, index) => parseRange(part, index))
    .filter((range): range is Range => range !== undefined && range.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const range of ranges) {
    const exact = BY_LOWER.get(range.tag);
    if (exact) return exact;
    const byLanguage = BY_LANGUAGE.get(range.tag.split('-')[0]!);
    if (byLanguage) return byLanguage;
  }
  return undefined;
}

interface Range {
  readonly tag: string;
  readonly q: number;
  readonly index: number;
}

const TAG = /^[a-z]{1,8}(?:-[a-z0-9]{1,8})*$/;
const Q = /^q=(0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/;

function parseRange(part: string, index: number): Range | undefined {
  const [rawTag = '', ...params] = part.split(';').map((piece) => piece.trim().toLowerCase());
  if (!TAG.test(rawTag)) return undefined;
  let q = 1;
  for (const param of params) {
    const match = Q.exec(param.replaceAll(' ', ''));
    if (!match) return undefined;
    q = Number(match[1]);
  }
  return { tag: rawTag, q, index };
}
