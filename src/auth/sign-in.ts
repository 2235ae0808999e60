import * as oidc from 'openid-client';
import { ErrorCode, refusalError } from '../errors.js';
import type { SharedStore } from '../state/shared-store.js';
import { issuerFailed } from './auth-errors.js';
import type { Issuer } from './issuer.js';
import type { Sealer } from './sealer.js';
import type { Sessions } from './session.js';

/** How long a sign-in may take between /auth/login and /auth/callback. */
const SIGN_IN_TTL_MS = 10 * 60_000;
export const CALLBACK_PATH = '/auth/callback';
const DEFAULT_RETURN_TO = '/graphql';

/** What /auth/login keeps for its /auth/callback, once: the PKCE verifier, the nonce and where to go after. */
interface PendingSignIn {
  verifier: string;
  nonce: string;
  returnTo: string;
}

export interface SignInOptions {
  issuer: Issuer;
  sessions: Sessions;
  store: SharedStore;
  sealer: Sealer;
  /** PUBLIC_URL: the redirect URI is PUBLIC_URL/auth/callback, and returnTo must stay on it. */
  publicUrl: string;
  partnerCenterScope: string;
}

const badRequest = (message: string) => refusalError(ErrorCode.BAD_REQUEST, message);

/** The authorization code flow with PKCE (S256), state and nonce, as openid-client implements it. */
export function createSignIn({ issuer, sessions, store, sealer, publicUrl, partnerCenterScope }: SignInOptions) {
  const redirectUri = `${publicUrl}${CALLBACK_PATH}`;

  /** The issuer's authorization URL to send the browser to. */
  async function start(returnTo: string | null): Promise<URL> {
    const target = safeReturnTo(returnTo, publicUrl);
    const config = await issuer.configuration();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const verifier = oidc.randomPKCECodeVerifier();
    await store.set(`sign-in:${state}`, await sealer.seal({ verifier, nonce, returnTo: target } satisfies PendingSignIn), SIGN_IN_TTL_MS);
    return oidc.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      response_type: 'code',
      scope: `openid profile offline_access ${partnerCenterScope}`,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
  }

  /** Checks the callback (state once, code, ID token and nonce), stores the session; its id and where to go. */
  async function finish(callback: URL): Promise<{ sessionId: string; returnTo: string }> {
    const state = callback.searchParams.get('state');
    // take(): a state answers one callback only, whatever the outcome, so a replayed callback URL finds nothing.
    const stored = state ? await store.take(`sign-in:${state}`) : undefined;
    const pending = stored === undefined ? undefined : await sealer.open<PendingSignIn>(stored);
    if (!pending) throw badRequest('The sign-in state is unknown, expired or already used: start again at /auth/login.');
    if (callback.searchParams.has('error')) throw badRequest('The identity provider did not sign the user in.');
    const config = await issuer.configuration();
    let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
    try {
      tokens = await oidc.authorizationCodeGrant(
        config,
        // What the issuer redirected to, as the issuer saw it (behind a proxy the request's own URL differs).
        new URL(`${redirectUri}${callback.search}`),
        { pkceCodeVerifier: pending.verifier, expectedState: state!, expectedNonce: pending.nonce, idTokenExpected: true },
      );
    } catch (error) {
      // invalid_grant: a code used before, or not this sign-in's (PKCE); an ID token that fails its checks.
      if (error instanceof oidc.ResponseBodyError || error instanceof oidc.AuthorizationResponseError || isValidationError(error)) {
        throw badRequest('The sign-in could not be completed: start again at /auth/login.');
      }
      throw issuerFailed('The identity provider could not be reached to complete the sign-in.');
    }
    return { sessionId: await sessions.create(tokens), returnTo: pending.returnTo };
  }

  return { start, finish };
}

/** openid-client's own checks (ID token, nonce, state) fail with codes starting OAUTH_. */
function isValidationError(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('OAUTH_') && code !== 'OAUTH_RESPONSE_IS_NOT_CONFORM';
}

/** A path on the gateway itself: `/x`, never `//host`, `/\host` or a URL elsewhere. */
export function safeReturnTo(returnTo: string | null, publicUrl: string): string {
  if (returnTo === null || returnTo === '') return DEFAULT_RETURN_TO;
  if (!returnTo.startsWith('/') || returnTo.startsWith('//') || returnTo.startsWith('/\\') || /[\u0000-\u001f\\]/.test(returnTo)) {
    throw badRequest('returnTo must be a path on this site, such as /graphql.');
  }
  const url = new URL(returnTo, publicUrl);
  if (url.origin !== new URL(publicUrl).origin) throw badRequest('returnTo must be a path on this site, such as /graphql.');
  return `${url.pathname}${url.search}${url.hash}`;
}
