import type { RequestPayload, Route } from '../http/use-routes.js';
import { csrfHeaderMissing, sessionRefused } from '../../auth/auth-errors.js';
import type { Authenticator } from '../../auth/authenticator.js';
import { createSealer } from '../../auth/sealer.js';
import { CLEARED_SESSION_COOKIE, sessionCookie, sessionIdFrom } from '../../auth/session-cookie.js';
import { CALLBACK_PATH, createSignIn } from '../../auth/sign-in.js';
import type { AuthConfig } from '../../config.js';
import { AppError, ErrorCode, refusalError } from '../../errors.js';
import type { Logger } from '../../observability/logger.js';
import { requestState } from '../../app/request-state.js';
import type { SharedStore } from '../../state/shared-store.js';
import { CSRF_HEADERS } from './use-security.js';

export interface AuthRoutesOptions {
  auth: AuthConfig;
  authenticator: Authenticator;
  store: SharedStore;
  logger: Logger;
}

/**
 * The browser side of AUTH_MODE=session:
 * - `GET /auth/login?returnTo=/path`: 302 to the issuer (code flow, PKCE, state, nonce);
 * - `GET /auth/callback`: checks the sign-in, stores the session, sets the cookie, 302 to returnTo;
 * - `POST /auth/logout` (with a CSRF header): ends the session and clears the cookie, 204;
 * - `GET /auth/session`: `{ name, tid, oid, expiresAt }` of the signed-in user, or 401.
 * Errors answer JSON `{ errors: [{ message, extensions: { code, correlationId } }] }` like /graphql.
 */
export function authRoutes({ auth, authenticator, store, logger }: AuthRoutesOptions): Route {
  const { sessions, issuer } = authenticator;
  if (!sessions || !issuer || auth.publicUrl === undefined || auth.secret === undefined) throw new Error('the sign-in routes need AUTH_MODE=session');
  const signIn = createSignIn({
    issuer,
    sessions,
    store,
    sealer: createSealer(auth.secret, 'sign-in'),
    publicUrl: auth.publicUrl,
    partnerCenterScope: auth.partnerCenterScope,
  });

  const routes: Record<string, { method: string; handle: (request: Request, url: URL) => Promise<Response> }> = {
    '/auth/login': { method: 'GET', handle: async (_request, url) => redirect(await signIn.start(url.searchParams.get('returnTo'))) },
    [CALLBACK_PATH]: {
      method: 'GET',
      async handle(request, url) {
        const { sessionId, returnTo } = await signIn.finish(url);
        const session = await sessions.load(sessionId);
        requestState(request, logger).logger.info({ tid: session?.tid, oid: session?.oid }, 'signed in');
        return redirect(returnTo, { 'set-cookie': sessionCookie(sessionId, sessions.ttlMs) });
      },
    },
    '/auth/logout': {
      method: 'POST',
      async handle(request) {
        if (!CSRF_HEADERS.some((name) => request.headers.has(name))) throw csrfHeaderMissing();
        const id = sessionIdFrom(request);
        if (id) await sessions.end(id);
        return new Response(null, { status: 204, headers: { 'set-cookie': CLEARED_SESSION_COOKIE, 'cache-control': 'no-store' } });
      },
    },
    '/auth/session': {
      method: 'GET',
      async handle(request) {
        const id = sessionIdFrom(request);
        const session = id ? await sessions.load(id) : undefined;
        if (!session) {
          const error = sessionRefused(id === undefined ? 'session_missing' : 'session_invalid', 'Not signed in: GET /auth/login.');
          return errorResponse(error, requestState(request, logger).correlationId, id === undefined ? {} : { 'set-cookie': CLEARED_SESSION_COOKIE });
        }
        return json(200, { name: session.name ?? null, tid: session.tid ?? null, oid: session.oid, expiresAt: new Date(session.expiresAt).toISOString() });
      },
    },
  };

  return { matches: (_request, url) => routes[url.pathname] !== undefined, answer };

  async function answer({ request, url, endResponse }: RequestPayload): Promise<void> {
    const route = routes[url.pathname]!;
    const state = requestState(request, logger);
    if (request.method !== route.method) {
      const error = refusalError(ErrorCode.BAD_REQUEST, `Use ${route.method} for ${url.pathname}.`, {}, 'method');
      endResponse(errorResponse(error, state.correlationId, { allow: route.method }));
      return;
    }
    try {
      endResponse(await route.handle(request, url));
    } catch (error) {
      if (!(error instanceof AppError)) state.logger.error({ err: error }, `${url.pathname} failed unexpectedly`);
      const coded = error instanceof AppError ? error : new AppError(ErrorCode.INTERNAL_SERVER_ERROR, 'Unexpected error.');
      if (error instanceof AppError) state.logger.info({ code: coded.extensions.code, path: url.pathname }, 'sign-in route refused');
      endResponse(errorResponse(coded, state.correlationId));
    }
  }
}

function redirect(location: URL | string, headers: Record<string, string> = {}): Response {
  return new Response(null, { status: 302, headers: { location: String(location), 'cache-control': 'no-store', ...headers } });
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers } });
}

function errorResponse(error: AppError, correlationId: string, headers: Record<string, string> = {}): Response {
  const { http, ...extensions } = error.extensions as { http?: { status?: number; headers?: Record<string, string> } } & Record<string, unknown>;
  return json(http?.status ?? 500, { errors: [{ message: error.message, extensions: { ...extensions, correlationId } }] }, { ...http?.headers, ...headers });
}
