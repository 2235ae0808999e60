import { STATUS_CODES, type IncomingMessage } from 'node:http';
import { ErrorCode, refusalStatus } from '../errors.js';

/** An answer the HTTP server gives itself, before (or instead of) yoga: a status, a code and a safe message. */
export interface Refusal {
  readonly status: number;
  readonly code: ErrorCode;
  readonly message: string;
}

/** A refusal with its status from the error catalogue (a named variant where the code has several). */
export function refusal<C extends Parameters<typeof refusalStatus>[0]>(
  code: C,
  message: string,
  variant?: Parameters<typeof refusalStatus<C>>[1],
): Refusal {
  return { status: refusalStatus(code, variant), code, message };
}

/** The body every refusal carries: the GraphQL error shape, with a code and the correlation id. */
export function refusalBody({ code, message }: Refusal, correlationId: string): string {
  return JSON.stringify({ errors: [{ message, extensions: { code, correlationId } }] });
}

/** Headers of a refusal written through a ServerResponse. */
export function refusalHeaders(body: string, correlationId: string): Record<string, string | number> {
  return {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    'ms-correlationid': correlationId,
    connection: 'close',
  };
}

/** A whole HTTP/1.1 response, for a socket Node's parser gave up on (no ServerResponse exists). */
export function rawRefusal(refusal: Refusal, correlationId: string): string {
  const body = refusalBody(refusal, correlationId);
  const head = Object.entries(refusalHeaders(body, correlationId)).map(([name, value]) => `${name}: ${value}\r\n`);
  return `HTTP/1.1 ${refusal.status} ${STATUS_CODES[refusal.status] ?? ''}\r\n${head.join('')}\r\n${body}`;
}

/**
 * What a parser-level client error (node:http's `clientError`) is answered with; undefined when the peer is gone
 * (reset, broken pipe) and nothing can be sent. The parser's own reason is never echoed.
 */
export function clientErrorRefusal(error: NodeJS.ErrnoException): Refusal | undefined {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return refusal(ErrorCode.REQUEST_HEADER_FIELDS_TOO_LARGE, 'The request headers are too large.');
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return refusal(ErrorCode.REQUEST_ENTITY_TOO_LARGE, 'The chunk extensions of the request body are too large.');
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return refusal(ErrorCode.REQUEST_TIMEOUT, 'The request did not arrive in time.');
    default:
      return error.code?.startsWith('HPE_') ? refusal(ErrorCode.BAD_REQUEST, 'The request is not valid HTTP/1.1.') : undefined;
  }
}

/** host or [IPv6] with an optional port (RFC 9110 §7.2): what @whatwg-node/server pastes in front of the path. */
const HOST = /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9\-._~!$&'()*+,;=%]+)(?::\d{0,5})?$/;

const badRequest = (message: string): Refusal => refusal(ErrorCode.BAD_REQUEST, message);

/**
 * Checks the request target and Host before @whatwg-node/server builds a URL from them: a URL it cannot parse
 * threw there and came back as 500 text/plain with a stack. The absolute form (`GET http://host/graphql`, which
 * servers must accept) is reduced to its path and query, the form the rest of the gateway routes on.
 */
export function normalizeTarget(req: IncomingMessage): Refusal | undefined {
  const host = req.headers.host;
  if (host === undefined) {
    return req.httpVersion === '1.0' ? undefined : badRequest('The Host header is missing.');
  }
  if (host !== '' && !HOST.test(host)) return badRequest('The Host header is not a host name or address.');
  const target = req.url ?? '';
  if (!target.startsWith('/')) {
    const absolute = URL.canParse(target) ? new URL(target) : undefined;
    if (!absolute || (absolute.protocol !== 'http:' && absolute.protocol !== 'https:')) return badRequest('The request target is not a path or an http(s) URL.');
    req.url = `${absolute.pathname}${absolute.search}`;
  }
  if (!URL.canParse(`http://${host || 'localhost'}${req.url}`)) return badRequest('The request target is not a valid path.');
  return undefined;
}
