import * as oidc from 'openid-client';
import type { SharedStore } from '../state/shared-store.js';
import { grantRefused, issuerFailed } from './auth-errors.js';
import type { Issuer } from './issuer.js';
import type { Sealer } from './sealer.js';

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
/** A cached token is used until this long before it expires, so it never expires on its way to Partner Center. */
export const OBO_EXPIRY_MARGIN_MS = 60_000;

interface CachedToken {
  accessToken: string;
  expiresAt: number;
}

export interface OnBehalfOfOptions {
  issuer: Issuer;
  /** PARTNER_CENTER_SCOPE. */
  scope: string;
  /** Shared by replicas, so one user costs one exchange per token lifetime, not one per replica. */
  store: SharedStore;
  /** Tokens are encrypted at rest like sessions. */
  sealer: Sealer;
  now?: () => number;
}

/**
 * OAuth 2.0 on-behalf-of (Entra ID's jwt-bearer grant): the caller's token, issued for the gateway, is exchanged
 * for a Partner Center token of the same user. Cached per user (tid/oid) until shortly before it expires.
 */
export function createOnBehalfOf({ issuer, scope, store, sealer, now = Date.now }: OnBehalfOfOptions) {
  /** Exchanges in flight in this process, per user: a burst of one user's first requests costs one exchange. */
  const inFlight = new Map<string, Promise<string>>();
  return async function partnerCenterToken(assertion: string, user: string): Promise<string> {
    const key = `obo:${scope}:${user}`;
    const stored = await store.get(key);
    const cached = stored === undefined ? undefined : await sealer.open<CachedToken>(stored);
    if (cached && cached.expiresAt - OBO_EXPIRY_MARGIN_MS > now()) return cached.accessToken;
    const pending = inFlight.get(key);
    if (pending) return pending;
    const exchange = exchangeAndKeep(assertion, key).finally(() => inFlight.delete(key));
    inFlight.set(key, exchange);
    return exchange;
  };

  async function exchangeAndKeep(assertion: string, key: string): Promise<string> {
    const config = await issuer.configuration();
    let response: oidc.TokenEndpointResponse;
    try {
      response = await oidc.genericGrantRequest(config, JWT_BEARER, { assertion, requested_token_use: 'on_behalf_of', scope });
    } catch (error) {
      if (error instanceof oidc.ResponseBodyError && (error.error === 'invalid_grant' || error.error === 'interaction_required')) {
        throw grantRefused(error.error, 'The identity provider refused to exchange the token for Partner Center.');
      }
      throw issuerFailed('The on-behalf-of exchange with the identity provider failed.');
    }
    const lifetimeMs = (response.expires_in ?? 0) * 1000;
    const ttl = lifetimeMs - OBO_EXPIRY_MARGIN_MS;
    if (ttl > 0) await store.set(key, await sealer.seal({ accessToken: response.access_token, expiresAt: now() + lifetimeMs } satisfies CachedToken), ttl);
    return response.access_token;
  }
}
