import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readBody } from '../../src/partner-center/http.js';

describe('readBody', () => {
  it('decodes a multi-byte character split between two chunks', async () => {
    const bytes = Buffer.from('{"currencySymbol":"€"}');
    const at = bytes.indexOf(0xe2) + 1; // inside the three bytes of €
    expect(await readBody(Readable.from([bytes.subarray(0, at), bytes.subarray(at)]), 1024)).toBe('{"currencySymbol":"€"}');
  });

  it('gives up past the limit and destroys the stream', async () => {
    const stream = Readable.from([Buffer.alloc(600, 0x61), Buffer.alloc(600, 0x61)]);
    expect(await readBody(stream, 1000)).toBeUndefined();
    expect(stream.destroyed).toBe(true);
  });
});
