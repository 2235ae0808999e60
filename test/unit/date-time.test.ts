import { describe, expect, it } from 'vitest';
import { normalizeDateTime } from '../../src/schema/date-time.js';

describe('normalizeDateTime', () => {
  it('passes well-formed Partner Center dates through unchanged', () => {
    expect(normalizeDateTime('2018-03-15T02:17:15.6455674Z')).toBe('2018-03-15T02:17:15.6455674Z');
    expect(normalizeDateTime('2018-03-06T17:37:05.253-08:00')).toBe('2018-03-06T17:37:05.253-08:00');
  });

  it('repairs the stray spaces of seed 000', () => {
    expect(normalizeDateTime('2015-10-08T10: 42: 36.54-07: 00')).toBe('2015-10-08T10:42:36.54-07:00');
  });

  it('rejects what is not a date-time with an offset', () => {
    for (const bad of ['not-a-date', '2018-02-30T00:00:00Z', '2018-13-01T00:00:00Z', '2018-03-15T25:00:00Z', '2018-03-15T02:17:15', '2018-03-15']) {
      expect(normalizeDateTime(bad), bad).toBeUndefined();
    }
  });
});
