/**
 * The caller's headers every router must pass on to partner-graph: the bearer token it calls Partner Center
 * with, the correlation id it logs and forwards, and the W3C trace context. router.yaml, gateway.config.ts and
 * supergraph-gateway.ts all forward exactly these (test/integration/federation.test.ts checks the files).
 */
export const FORWARDED_HEADERS = ['authorization', 'ms-correlationid', 'traceparent'] as const;

/** The forwarded headers of a request, for Hive Gateway's `propagateHeaders.fromClientToSubgraphs`. */
export function forwardedHeaders(request: Request): Record<string, string | null> {
  return Object.fromEntries(FORWARDED_HEADERS.map((name) => [name, request.headers.get(name)]));
}
