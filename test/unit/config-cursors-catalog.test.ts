import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('CURSOR_SECRET and DEFAULT_COUNTRY', () => {
  it('default to a random per-process cursor key and the US market', () => {
    const [a, b] = [loadConfig({}), loadConfig({})];
    expect(a.cursors.ephemeral).toBe(true);
    expect(a.cursors.secret.length).toBeGreaterThanOrEqual(32);
    expect(a.cursors.secret).not.toBe(b.cursors.secret);
    expect(a.catalog.defaultCountry).toBe('US');
  });

  it('take a configured secret and an upper-cased country', () => {
    const config = loadConfig({ CURSOR_SECRET: 'c'.repeat(32), DEFAULT_COUNTRY: 'de' });
    expect(config.cursors).toEqual({ secret: 'c'.repeat(32), ephemeral: false });
    expect(config.catalog.defaultCountry).toBe('DE');
  });

  it('refuse a short secret without echoing it, and a country that is not two letters', () => {
    let caught: unknown;
    try {
      loadConfig({ CURSOR_SECRET: 'hunter2-is-too-short', DEFAULT_COUNTRY: 'USA' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).problems.map((p) => p.split('=')[0]).sort()).toEqual(['CURSOR_SECRET', 'DEFAULT_COUNTRY']);
    expect((caught as ConfigError).message).not.toContain('hunter2');
  });
});
