import { hkdfSync } from 'node:crypto';
import { CompactEncrypt, compactDecrypt } from 'jose';

/** Encrypts what the gateway keeps in the shared store about a user (sessions, on-behalf-of tokens). */
export interface Sealer {
  seal(value: unknown): Promise<string>;
  /** The value, or undefined when the text was not sealed with this key (forged, corrupted, another secret). */
  open<T>(text: string): Promise<T | undefined>;
}

/**
 * JWE compact serialisation, `dir` + `A256GCM` (authenticated encryption: a changed byte fails to open),
 * with a 256-bit key derived from `secret` by HKDF-SHA256; `purpose` separates the keys of different uses.
 */
export function createSealer(secret: string, purpose: string): Sealer {
  const key = new Uint8Array(hkdfSync('sha256', secret, 'partner-graph', purpose, 32));
  const encoder = new TextEncoder();
  return {
    seal: (value) => new CompactEncrypt(encoder.encode(JSON.stringify(value))).setProtectedHeader({ alg: 'dir', enc: 'A256GCM' }).encrypt(key),
    async open<T>(text: string): Promise<T | undefined> {
      try {
        const { plaintext } = await compactDecrypt(text, key, { keyManagementAlgorithms: ['dir'], contentEncryptionAlgorithms: ['A256GCM'] });
        return JSON.parse(new TextDecoder().decode(plaintext)) as T;
      } catch {
        return undefined;
      }
    },
  };
}
