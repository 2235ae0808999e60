import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readBytes } from '../../src/partner-center/transport/http.js';

describe('readBytes', () => {
  it('keeps a multi-byte character split between two chunks whole', async () => {
    const bytes = Buffer.from('{"currencySymbol":"€"}');
    const at = bytes.indexOf(0xe2) + 1; // inside the three bytes of €
    expect((await readBytes(Readable.from([bytes.subarray(0, at), bytes.subarray(at)]), 1024))?.toString('utf8')).toBe('{"currencySymbol":"€"}');
  });

  it('gives up past the limit and destroys the stream', async () => {
    const stream = Readable.from([Buffer.alloc(600, 0x61), Buffer.alloc(600, 0x61)]);
    expect(await readBytes(stream, 1000)).toBeUndefined();
    expect(stream.destroyed).toBe(true);
  });
});
