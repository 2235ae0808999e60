import type { AuthConfig } from '../config.js';
import { bearerAuthorization } from '../app/context.js';
import { CSRF_HEADERS } from '../plugins/security/use-security.js';
import type { SharedStore } from '../state/shared-store.js';
import { csrfHeaderMissing, invalidToken, sessionRefused } from './auth-errors.js';
import { identityOf, unverifiedCaller, verifiedCaller, type Caller } from './caller.js';
import { createIssuer, type Issuer } from './issuer.js';
import { createOnBehalfOf } from './on-behalf-of.js';
import { createSealer } from './sealer.js';
import { Sessions } from './session.js';
import { sessionIdFrom } from './session-cookie.js';
import { createTokenVerifier } from './verify-token.js';

/**
 * What a request's credentials come to: a caller, no credentials at all (operations that need none may run),
 * or a refusal (an AppError; `clearCookie` when the session cookie it carried is no good).
 */
export type Authentication = { caller: Caller } | { caller: undefined } | { refused: Error; clearCookie?: boolean };

export interface Authenticator {
  readonly mode: AuthConfig['mode'];
  /** Answers at once when nothing needs to be fetched or verified (passthrough without an issuer, no credentials). */
  authenticate(request: Request): Authentication | Promise<Authentication>;
  /** Present in session mode: the sign-in routes use them. */
  readonly sessions?: Sessions;
  readonly issuer?: Issuer;
}

/** The authenticator AUTH_MODE asks for. The issuer is contacted on first use, never at start-up. */
export function createAuthenticator(auth: AuthConfig, store: SharedStore): Authenticator {
  const issuer = auth.issuer === undefined ? undefined : createIssuer({ url: auth.issuer, ...(auth.clientId ? { clientId: auth.clientId } : {}), ...(auth.clientSecret ? { clientSecret: auth.clientSecret } : {}) });
  if (auth.mode === 'session') {
    if (!issuer || auth.secret === undefined) throw new Error('AUTH_MODE=session needs an issuer and a session secret');
    const sessions = new Sessions({ issuer, store, sealer: createSealer(auth.secret, 'session'), ttlMs: auth.sessionTtlMs });
    return { mode: auth.mode, sessions, issuer, authenticate: (request) => fromSession(request, sessions) };
  }
  const verify = issuer ? createTokenVerifier(issuer, auth.audience) : undefined;
  if (auth.mode === 'obo') {
    if (!issuer || !verify || auth.clientSecret === undefined) throw new Error('AUTH_MODE=obo needs an issuer and a client secret');
    const sealer = createSealer(auth.secret ?? auth.clientSecret, 'on-behalf-of');
    const exchange = createOnBehalfOf({ issuer, scope: auth.partnerCenterScope, store, sealer });
    return {
      mode: auth.mode,
      issuer,
      async authenticate(request) {
        const verified = await fromBearer(request, verify);
        if (!('caller' in verified) || !verified.caller) return verified;
        const token = await exchange(bearerToken(verified.caller.authorization), verified.caller.key);
        return { caller: verifiedCaller({ tid: verified.caller.tid, oid: verified.caller.oid! }, `Bearer ${token}`) };
      },
    };
  }
  return { mode: auth.mode, ...(issuer ? { issuer } : {}), authenticate: (request) => fromBearer(request, verify) };
}

function fromBearer(request: Request, verify: ReturnType<typeof createTokenVerifier> | undefined): Authentication | Promise<Authentication> {
  const authorization = bearerAuthorization(request);
  if (authorization === undefined) return { caller: undefined };
  if (!verify) return { caller: unverifiedCaller(authorization) };
  return verified(authorization, verify);
}

async function verified(authorization: string, verify: ReturnType<typeof createTokenVerifier>): Promise<Authentication> {
  const identity = identityOf(await verify(bearerToken(authorization)));
  if (!identity) throw invalidToken('The token names no user (no oid or sub claim).');
  return { caller: verifiedCaller(identity, authorization) };
}

async function fromSession(request: Request, sessions: Sessions): Promise<Authentication> {
  const id = sessionIdFrom(request);
  if (id === undefined) return { caller: undefined };
  // A cookie rides along on any request a page makes, JSON POSTs included: only a header no page can send
  // cross-site without a preflight proves the request was meant.
  if (!CSRF_HEADERS.some((name) => request.headers.has(name))) return { refused: csrfHeaderMissing() };
  if (id === '') return { refused: sessionRefused('session_invalid', 'The session cookie is not valid: sign in again at /auth/login.'), clearCookie: true };
  try {
    const session = await sessions.current(id);
    return { caller: verifiedCaller(session, `Bearer ${session.accessToken}`) };
  } catch (error) {
    const reason = (error as { extensions?: { reason?: unknown } }).extensions?.reason;
    return { refused: error as Error, clearCookie: reason !== undefined };
  }
}

function bearerToken(authorization: string): string {
  return authorization.slice('bearer '.length).trim();
}
