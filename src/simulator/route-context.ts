/** What a route handler gets: the request's relevant parts, the data, and the calling partner. */
import type { IncomingHttpHeaders } from 'node:http';
import type { TokenCodec } from './continuation.js';
import type { SimulatorData } from './data.js';
import type { RouteMatch } from './routes.js';

export interface RouteContext {
  data: SimulatorData;
  /** Partner tenant the bearer token stands for. */
  partnerId: string;
  route: RouteMatch;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  tokens: TokenCodec;
  /** ms since the simulator started; drives the delayed appearance of orders in lists. */
  uptimeMs: number;
}

/** A header as one string (node joins repeats with ", "; set-cookie style arrays are joined the same way). */
export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value;
}
