import type { Dispatcher } from 'undici';
import type { Config } from './config.js';
import { createClientOver, type PartnerCenterClient } from './partner-center/client.js';
import { createTransport } from './partner-center/http.js';
import { withLargeBodies } from './partner-center/large-bodies.js';
import { withResilience, type ResilienceOptions } from './partner-center/resilience.js';
import { withSingleFlight } from './partner-center/single-flight.js';
import { createStatementTransport, type OpenStatement } from './partner-center/statement.js';

export interface Upstream {
  readonly client: PartnerCenterClient;
  /**
   * False while Partner Center is known to be failing: the breaker opened and its half-open time
   * has not passed. After that, traffic may probe it again, so readiness must let it through
   * (an instance no longer ready would never get the request that closes its breaker).
   */
  healthy(): boolean;
  /** Invoice statements, streamed (GET /invoices/{id}/statement.pdf): not JSON, so beside the client. */
  readonly statements: OpenStatement;
}

export interface UpstreamOptions {
  config: Config;
  /** Partner Center origin (the configured one or the embedded simulator's). */
  baseUrl: string;
  /** The process's keep-alive pool. */
  dispatcher: Dispatcher;
  onRetry?: ResilienceOptions['onRetry'];
}

/** transport → resilience → large bodies → single-flight → client: the one way the gateway talks to Partner Center (main.ts and tests). */
export function createUpstream({ config, baseUrl, dispatcher, onRetry }: UpstreamOptions): Upstream {
  const { upstream } = config;
  const transport = createTransport({ baseUrl, dispatcher, ...upstream, applicationName: config.applicationName });
  const resilient = withResilience(transport, {
    retries: upstream.retries,
    retryBaseDelayMs: upstream.retryBaseDelayMs,
    retryMaxDelayMs: Math.max(upstream.retryBaseDelayMs, 2000),
    maxRetryAfterMs: upstream.maxRetryAfterMs,
    breakerFailureRate: upstream.breakerFailureRate,
    breakerMinCalls: upstream.breakerMinCalls,
    breakerWindowMs: upstream.breakerWindowMs,
    breakerHalfOpenAfterMs: upstream.breakerHalfOpenAfterMs,
    maxConcurrent: upstream.maxConcurrent,
    maxQueued: upstream.maxQueued,
    ...(onRetry ? { onRetry } : {}),
  });
  // Large bodies wait for memory and are parsed after the bulkhead slot is free (large-bodies.ts).
  const parsed = withLargeBodies(resilient.getJson);
  // Single-flight outermost: a request joining a call already in flight takes no bulkhead slot or retry.
  const getJson = upstream.singleFlight ? withSingleFlight(parsed) : parsed;
  const statements = createStatementTransport({ baseUrl, dispatcher, timeoutMs: upstream.timeoutMs, applicationName: config.applicationName });
  return { client: createClientOver(getJson), healthy: () => resilient.breakerState() !== 'open', statements };
}
