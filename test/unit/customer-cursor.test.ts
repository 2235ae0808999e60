import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, type CursorPosition } from '../../src/schema/customer-cursor.js';

const SECRET = 'k'.repeat(32);
const position: CursorPosition = {
  size: 20,
  filter: 'Con',
  page: { uri: '/customers?size=20&seekOperation=Next', headers: [{ key: 'MS-ContinuationToken', value: 'abc.def' }] },
  skip: 3,
};

describe('customerList cursors', () => {
  it('round-trip under the same secret', () => {
    expect(decodeCursor(SECRET, encodeCursor(SECRET, position))).toEqual(position);
    expect(decodeCursor(SECRET, encodeCursor(SECRET, { size: 5, filter: null, page: 'end', skip: 0 }))).toEqual({ size: 5, filter: null, page: 'end', skip: 0 });
  });

  it('are refused under another secret', () => {
    expect(decodeCursor('x'.repeat(32), encodeCursor(SECRET, position))).toBeUndefined();
  });

  it('are refused when any part was changed, however it still parses', () => {
    const cursor = encodeCursor(SECRET, position);
    const [payload, mac] = cursor.split('.') as [string, string];
    const changed = Buffer.from(JSON.stringify({ v: 1, ...position, skip: 0 })).toString('base64url');
    for (const bad of [`${changed}.${mac}`, `${payload}.${mac.slice(1)}`, `${payload}.`, `.${mac}`, payload, `${cursor}.x`, '', 'a'.repeat(20_000)]) {
      expect(decodeCursor(SECRET, bad)).toBeUndefined();
    }
  });

  it('are refused when signed but not a position (a value out of range or an unknown property)', () => {
    // What a leaked key could sign is still checked for shape before it is used.
    expect(decodeCursor(SECRET, encodeCursor(SECRET, { ...position, size: 101 }))).toBeUndefined();
    expect(decodeCursor(SECRET, encodeCursor(SECRET, { ...position, skip: -1 }))).toBeUndefined();
    expect(decodeCursor(SECRET, encodeCursor(SECRET, { ...position, extra: 1 } as CursorPosition))).toBeUndefined();
  });
});
