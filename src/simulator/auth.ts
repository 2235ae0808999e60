/**
 * Bearer token check (API-FACTS 1.1, 2.3). Without a `tokens` map every bearer token acts as the default partner;
 * with one, a token it does not know gets 401 code 400 "Access denied".
 */
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from 'jose';
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

/** Strict mode: only tokens the simulator's identity provider signed for the Partner Center audience. */
export interface IdentityCheck {
  /** The provider's issuer URL (its tokens' `iss`). */
  issuer: string;
  /** The provider's public keys. */
  jwks: JSONWebKeySet;
}

const PARTNER_CENTER_AUDIENCE = 'https://api.partnercenter.microsoft.com';

/** Verifies the bearer token as Partner Center does (signature, issuer, audience, expiry); its `tid` is the partner. */
export function createTokenCheck({ issuer, jwks }: IdentityCheck): (authorization: string | undefined) => Promise<AuthResult> {
  const keys = createLocalJWKSet(jwks);
  return async (authorization) => {
    const token = /^bearer\s+(\S+)\s*$/i.exec(authorization?.trim() ?? '')?.[1];
    if (token === undefined) return { ok: false, reply: Faults.tokenMissing() };
    try {
      const { payload } = await jwtVerify(token, keys, { issuer, audience: PARTNER_CENTER_AUDIENCE, algorithms: ['RS256'] });
      return typeof payload.tid === 'string' ? { ok: true, partnerId: payload.tid } : { ok: false, reply: Faults.accessDenied() };
    } catch {
      return { ok: false, reply: Faults.accessDenied() };
    }
  };
}
