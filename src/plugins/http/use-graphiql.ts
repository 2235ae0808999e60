import type { ResponseStep } from './use-response-steps.js';
import type { Route } from './use-routes.js';
import { chooseEncoding } from './content-encoding.js';
import { AppError, ErrorCode } from '../../errors.js';
import { buildGraphiQLPage, type GraphiQLPage, type GraphiQLPageOptions } from './graphiql-page.js';
import type { Logger } from '../../observability/logger.js';

const ENDPOINT = '/graphql';

/**
 * GraphiQL for browsers (`GET`/`HEAD` of the endpoint accepting `text/html`). Built once, on the first
 * visit; every response writes the same shared buffer in the encoding the browser prefers, with an ETag to
 * revalidate it, so a client that never reads holds nothing but its socket buffer. (Yoga's own renders the
 * page per request and keeps it until the client has read it: a heap per stalled reader.) A use-routes route,
 * with a use-response-steps step.
 */
export function graphiqlPage(page: GraphiQLPageOptions, logger: Logger): { route: Route; onResponse: ResponseStep } {
  let built: Promise<GraphiQLPage> | undefined;
  const once = () =>
    (built ??= buildGraphiQLPage(page).then(
      (result) => {
        const bytes = Object.fromEntries(Object.entries(result.bodies).map(([encoding, body]) => [encoding, body.length]));
        logger.info({ graphiql: { bytes, buildMs: result.buildMs } }, 'graphiql page built');
        return result;
      },
      (error: unknown) => {
        // Not retried: a build that fails once fails again, and each visit would pay for it.
        logger.error({ err: error }, 'graphiql page build failed');
        throw error;
      },
    ));
  const pages = new WeakSet<Response>();
  const route: Route = {
    matches: wantsPage,
    answer: ({ request, endResponse, fetchAPI }) =>
      once().then(
        (result) => {
          const response = respond(result, request, fetchAPI.Response);
          pages.add(response);
          endResponse(response);
        },
        () => endResponse(unavailable(fetchAPI.Response)),
      ),
  };
  // After yoga's CORS, which (with a list of origins) replaces Vary with `Origin`: a shared cache must still key on the encoding.
  const onResponse: ResponseStep = ({ response }) => {
    const vary = response.headers.get('vary');
    if (pages.has(response) && vary !== null && !/accept-encoding/i.test(vary)) response.headers.set('vary', `${vary}, Accept-Encoding`);
  };
  return { route, onResponse };
}

function wantsPage(request: Request, url: URL): boolean {
  return (
    (request.method === 'GET' || request.method === 'HEAD') &&
    (url.pathname === ENDPOINT || url.pathname === `${ENDPOINT}/`) &&
    (request.headers.get('accept')?.includes('text/html') ?? false)
  );
}

function respond(page: GraphiQLPage, request: Request, Response: typeof globalThis.Response): Response {
  const encoding = chooseEncoding(request.headers.get('accept-encoding'));
  const body = page.bodies[encoding];
  const etag = `"${page.hash}${encoding === 'identity' ? '' : `-${encoding}`}"`;
  // The page carries this process's options: revalidate on every visit, which costs a 304 when unchanged.
  const headers: Record<string, string> = { etag, 'cache-control': 'no-cache', vary: 'Accept-Encoding' };
  if (matches(request.headers.get('if-none-match'), etag)) return new Response(null, { status: 304, headers });
  headers['content-type'] = 'text/html; charset=utf-8';
  headers['content-length'] = String(body.length);
  if (encoding !== 'identity') headers['content-encoding'] = encoding;
  // The shared buffer itself, never a copy: the node adapter writes a Buffer body straight to the socket.
  return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers });
}

/** If-None-Match uses the weak comparison (RFC 9110 §13.1.2): `W/` is ignored. */
function matches(ifNoneMatch: string | null, etag: string): boolean {
  if (ifNoneMatch === null) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const trimmed = tag.trim();
    return trimmed === '*' || trimmed.replace(/^W\//, '') === etag;
  });
}

function unavailable(Response: typeof globalThis.Response): Response {
  const error = new AppError(ErrorCode.INTERNAL_SERVER_ERROR, 'GraphiQL is unavailable.');
  return new Response(JSON.stringify({ errors: [error.toJSON()] }), {
    status: 503,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  });
}
