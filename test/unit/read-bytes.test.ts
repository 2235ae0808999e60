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

  it('says refused and destroys the stream when `more` says stop', async () => {
    const stream = Readable.from([Buffer.alloc(100, 0x61), Buffer.alloc(100, 0x61)]);
    const sizes: number[] = [];
    expect(await readBytes(stream, 1000, (size) => (sizes.push(size), size < 150))).toBe('refused');
    expect(sizes).toEqual([100, 200]);
    expect(stream.destroyed).toBe(true);
  });

  it("rejects with the stream's error, and when it closes before its end", async () => {
    const failing = new Readable({ read() { this.destroy(Object.assign(new Error('body timeout'), { code: 'UND_ERR_BODY_TIMEOUT' })); } });
    await expect(readBytes(failing, 1000)).rejects.toMatchObject({ code: 'UND_ERR_BODY_TIMEOUT' });
    const cut = new Readable({ read() { this.destroy(); } });
    await expect(readBytes(cut, 1000)).rejects.toMatchObject({ code: 'ERR_STREAM_PREMATURE_CLOSE' });
  });

  it('reads an empty body as an empty buffer', async () => {
    expect((await readBytes(Readable.from([]), 1000))?.length).toBe(0);
  });
});
