import { createHmac, timingSafeEqual } from 'node:crypto';

/** Longest signed value read; a longer one is refused before any work. */
const MAX_LENGTH = 16 * 1024;

/**
 * Opaque, tamper-evident values handed to clients (the connections' cursors): base64url(JSON), a dot, and an
 * HMAC-SHA256 under CURSOR_SECRET over a `context` of the value's own kind, so one kind is never taken for
 * another. Not encrypted: they hold nothing the caller could not read from Partner Center with their token.
 */
export function sign(secret: string, context: string, value: unknown): string {
  const payload = Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${payload}.${mac(secret, context, payload).toString('base64url')}`;
}

/** The JSON value `sign` wrapped, or undefined for anything it did not sign unchanged under this secret and context. */
export function verify(secret: string, context: string, signed: string): unknown {
  if (signed.length > MAX_LENGTH) return undefined;
  const [payload, signature, extra] = signed.split('.');
  if (!payload || !signature || extra !== undefined) return undefined;
  const given = Buffer.from(signature, 'base64url');
  const expected = mac(secret, context, payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

function mac(secret: string, context: string, payload: string): Buffer {
  return createHmac('sha256', secret).update(context + payload).digest();
}
