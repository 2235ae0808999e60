import type { UpstreamPath } from '../transport/http.js';

/** A link Partner Center sent (API-FACTS 0.3): a relative uri and the headers to send with it. */
export interface FollowedLink {
  readonly uri: string;
  readonly headers: readonly { readonly key: string; readonly value: string }[];
}

const LINK_BASE = 'http://partner-center.invalid';
const LINK_HEADER_NAME = /^[A-Za-z0-9-]{1,64}$/;
const LINK_HEADER_VALUE = /^[\x20-\x7e]{0,8192}$/;
/** Headers the gateway sets itself: a link may never replace or duplicate them. */
const RESERVED_HEADERS = new Set(['authorization', 'cookie', 'host', 'accept', 'connection', 'content-length', 'transfer-encoding',
  'ms-correlationid', 'ms-requestid', 'ms-partnercenter-application', 'ms-contract-version', 'x-locale', 'traceparent', 'tracestate']);

/**
 * Follows a link instead of building its URL: the relative uri (with or without `/v1`, API-FACTS 0.3) is
 * joined onto the configured origin by the transport, keeping its query, and sent with the link's headers.
 * Throws TypeError unless the link stays on the origin and on `route` exactly (e.g. `/v1/customers`), so a
 * tampered or hostile link can reach no other resource and carry no credential-like header.
 */
export function linkPath(link: FollowedLink, route: string): UpstreamPath {
  const { uri } = link;
  if (typeof uri !== 'string' || uri.length > 4096 || !uri.startsWith('/') || uri.startsWith('//') || /[\\\s]/.test(uri)) {
    throw new TypeError('link uri is not a relative path');
  }
  const url = new URL(uri, LINK_BASE);
  if (url.origin !== LINK_BASE || url.hash !== '') throw new TypeError('link uri leaves the origin');
  const path = /^\/v1(\/|$)/i.test(url.pathname) ? url.pathname : `/v1${url.pathname}`;
  if (path.toLowerCase() !== route.toLowerCase()) throw new TypeError(`link uri is not ${route}`);
  const query: Record<string, string> = {};
  for (const [key, value] of url.searchParams) if (!(key in query)) query[key] = value;
  const headers: Record<string, string> = {};
  for (const header of Array.isArray(link.headers) ? link.headers : []) {
    const name = typeof header?.key === 'string' ? header.key.toLowerCase() : '';
    if (!LINK_HEADER_NAME.test(name) || RESERVED_HEADERS.has(name) || name in headers) throw new TypeError('link has a header it may not send');
    if (typeof header.value !== 'string' || !LINK_HEADER_VALUE.test(header.value)) throw new TypeError(`link header ${name} has an unusable value`);
    headers[name] = header.value;
  }
  return { route, path: route, query, headers };
}
