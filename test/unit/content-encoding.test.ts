import { describe, expect, it } from 'vitest';
import { chooseEncoding } from '../../src/plugins/http/content-encoding.js';

describe('chooseEncoding', () => {
  it.each([
    [null, 'identity'],
    ['', 'identity'],
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip, deflate', 'gzip'],
    ['x-gzip', 'gzip'],
    ['GZIP;Q=0.5, BR;q=0.4', 'gzip'], // the highest q wins, whatever the server prefers
    ['br;q=1.0, gzip;q=1', 'br'], // a tie goes to the smallest body
    ['br;q=0, gzip', 'gzip'],
    ['br;q=0, gzip;q=0', 'identity'],
    ['*', 'br'],
    ['*;q=0.5, identity', 'identity'],
    ['*;q=0.5, br;q=0', 'gzip'],
    ['*;q=0', 'identity'], // nothing acceptable: the header is disregarded
    ['identity;q=0', 'identity'],
    ['identity;q=0, gzip;q=0.1', 'gzip'],
    ['deflate, zstd', 'identity'],
    ['br;q=2, gzip;q=abc', 'identity'], // malformed q-values count as 0
    ['br;q=0.001', 'br'], // identity not named ranks with the lowest named coding, and loses the tie
    ['br;q=0.5, identity', 'identity'],
    [' br ; q = 0.9 , identity;q=0.8', 'br'],
  ] as const)('%j -> %s', (header, expected) => {
    expect(chooseEncoding(header)).toBe(expected);
  });
});
