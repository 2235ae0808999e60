import { describe, expect, it } from 'vitest';
import { toDecimalString } from '../../src/schema/decimal.js';
import { decodeListCursor, encodeListCursor } from '../../src/schema/list-cursor.js';

describe('toDecimalString', () => {
  it.each([
    [24606.35, '24606.35'],
    [431.8, '431.8'],
    [0.1 + 0.2, '0.30000000000000004'],
    [-12.5, '-12.5'],
    [0, '0'],
    [1e21, '1000000000000000000000'],
    [1.5e-7, '0.00000015'],
    ['1577.24', '1577.24'],
    [' 7 ', '7'],
  ])('%s → %s', (value, expected) => {
    expect(toDecimalString(value)).toBe(expected);
  });

  it.each([[Number.NaN], [Number.POSITIVE_INFINITY], ['12,50'], ['1e3'], [true], [null]])('refuses %s', (value) => {
    expect(toDecimalString(value)).toBeUndefined();
  });
});

describe('list cursors', () => {
  const secret = 'x'.repeat(32);
  it('round-trips a position for the same list and binding', () => {
    const cursor = encodeListCursor(secret, 'invoiceLines', 'G000010000|onetime|billinglineitems', { size: 1000, token: 'a,b=', skip: 3 });
    expect(decodeListCursor(secret, 'invoiceLines', 'G000010000|onetime|billinglineitems', cursor)).toEqual({ size: 1000, token: 'a,b=', skip: 3 });
  });

  it.each([
    ['another list', 'invoices', 'G000010000|onetime|billinglineitems', secret],
    ['another binding', 'invoiceLines', 'G000000002|onetime|billinglineitems', secret],
    ['another secret', 'invoiceLines', 'G000010000|onetime|billinglineitems', 'y'.repeat(32)],
  ])('refuses a cursor used with %s', (_, list, binding, key) => {
    const cursor = encodeListCursor(secret, 'invoiceLines', 'G000010000|onetime|billinglineitems', { offset: 4 });
    expect(() => decodeListCursor(key, list, binding, cursor)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }));
  });

  it('refuses an altered payload', () => {
    const [payload, mac] = encodeListCursor(secret, 'invoices', '', { offset: 4 }).split('.');
    const forged = Buffer.from(Buffer.from(payload!, 'base64url').toString().replace('4', '9')).toString('base64url');
    expect(() => decodeListCursor(secret, 'invoices', '', `${forged}.${mac}`)).toThrow();
  });
});
