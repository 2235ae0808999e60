import { randomBytes } from 'node:crypto';

/**
 * The one cookie of AUTH_MODE=session. `__Host-` makes browsers refuse it unless Secure, Path=/ and without
 * Domain, so no subdomain can plant or read it; it holds a random id only, never a token.
 */
export const SESSION_COOKIE = '__Host-partner-graph';

const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

export function newSessionId(): string {
  return randomBytes(32).toString('base64url');
}

export function sessionCookie(id: string, maxAgeMs: number): string {
  return `${SESSION_COOKIE}=${id}; Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age=${Math.floor(maxAgeMs / 1000)}`;
}

export const CLEARED_SESSION_COOKIE = `${SESSION_COOKIE}=; Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age=0`;

/**
 * The session cookie's value: `undefined` when the request has none, `''` when it has one that cannot be a
 * session id (forged or mangled).
 */
export function sessionIdFrom(request: Request): string | undefined {
  const header = request.headers.get('cookie');
  if (!header) return undefined;
  let found: string | undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1 || part.slice(0, eq).trim() !== SESSION_COOKIE) continue;
    // Two cookies of that name (one planted): refuse both rather than guess.
    if (found !== undefined) return '';
    found = part.slice(eq + 1).trim();
  }
  if (found === undefined) return undefined;
  return SESSION_ID.test(found) ? found : '';
}
