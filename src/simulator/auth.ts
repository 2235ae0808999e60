/**
 * Bearer token check (API-FACTS 1.1, 2.3). Without a `tokens` map every bearer token acts as the default partner;
 * with one, a token it does not know gets 401 code 400 "Access denied".
 */
import { DEFAULT_PARTNER_ID } from './constants.js';
import { Faults, type Reply } from './errors.js';

export type AuthResult = { ok: true; partnerId: string } | { ok: false; reply: Reply };

export function authenticate(authorization: string | undefined, tokens?: Readonly<Record<string, string>>): AuthResult {
  const match = /^bearer\s+(\S+)\s*$/i.exec(authorization?.trim() ?? '');
  const token = match?.[1];
  if (token === undefined) return { ok: false, reply: Faults.tokenMissing() };
  if (tokens === undefined) return { ok: true, partnerId: DEFAULT_PARTNER_ID };
  const partnerId = Object.hasOwn(tokens, token) ? tokens[token] : undefined;
  return partnerId === undefined ? { ok: false, reply: Faults.accessDenied() } : { ok: true, partnerId };
}
