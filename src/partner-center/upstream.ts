import type { Dispatcher } from 'undici';
import type { Config } from '../config.js';
import { withCallBudget } from './transport/call-budget-layer.js';
import { createClientOver, type PartnerCenterClient } from './client/client.js';
import { createTransport } from './transport/http.js';
import { withInFlightCount } from './transport/in-flight-calls.js';
import { BodyBudget } from './transport/large-bodies.js';
import { withLargeBodies } from './transport/large-body-layer.js';
import { withResilience, type BreakerState, type ResilienceOptions } from './transport/resilience.js';
import { withSingleFlight } from './transport/single-flight.js';
import { withPartnerBudget } from './transport/partner-budget-layer.js';
import type { PartnerBudget } from '../state/shared-store.js';
import { createStatementTransport, type OpenStatement } from './client/statement.js';

export interface Upstream {
  readonly client: PartnerCenterClient;
  /**
   * False while Partner Center is known to be failing: the breaker opened and its half-open time
   * has not passed. After that, traffic may probe it again, so readiness must let it through
   * (an instance no longer ready would never get the request that closes its breaker).
   */
  healthy(): boolean;
  /** The circuit breaker's state, for the breaker gauge. */
  breakerState(): BreakerState;
  /** Partner Center calls on the wire now (each attempt), for the in-flight gauge. */
  inFlight(): number;
  /** Invoice statements, streamed (GET /invoices/{id}/statement.pdf): not JSON, so beside the client. */
  readonly statements: OpenStatement;
  /** The memory budget for the large bodies this upstream reads: each execution takes a ticket of it (context.ts). */
  readonly bodyBudget: BodyBudget;
}

export interface UpstreamOptions {
  config: Config;
  /** Partner Center origin (the configured one or the embedded simulator's). */
  baseUrl: string;
  /** The process's keep-alive pool. */
  dispatcher: Dispatcher;
  onRetry?: ResilienceOptions['onRetry'];
  /** Per-partner call budget, taken by every attempt actually sent (state/create-stores.ts). Default: none. */
  budget?: PartnerBudget;
  onBudgetRefusal?: () => void;
  /** The large-body memory budget. Default: one from config.upstream (tests pass one to watch it). */
  bodyBudget?: BodyBudget;
}

/** transport → partner budget → resilience → large bodies → single-flight → call budget → client: the one way the gateway talks to Partner Center (main.ts and tests). */
export function createUpstream({ config, baseUrl, dispatcher, onRetry, budget, onBudgetRefusal, bodyBudget }: UpstreamOptions): Upstream {
  const { upstream } = config;
  const counted = withInFlightCount(createTransport({ baseUrl, dispatcher, ...upstream, applicationName: config.applicationName }));
  const sent = counted.getJson;
  // Below the retries: each attempt Partner Center sees is one call of the partner's budget.
  const transport = budget ? withPartnerBudget(sent, budget, onBudgetRefusal) : sent;
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
  // Large bodies wait for memory and are parsed after the bulkhead slot is free (large-body-layer.ts).
  const parsed = withLargeBodies(resilient.getJson);
  // Single-flight over the rest: a request joining a call already in flight takes no bulkhead slot or retry.
  const shared = upstream.singleFlight ? withSingleFlight(parsed) : parsed;
  // Outermost: a request's cap counts every call it asks for, shared or not (call-budget-layer.ts).
  const getJson = withCallBudget(shared);
  const statements = createStatementTransport({ baseUrl, dispatcher, timeoutMs: upstream.timeoutMs, applicationName: config.applicationName });
  return {
    client: createClientOver(getJson),
    healthy: () => resilient.breakerState() !== 'open',
    breakerState: resilient.breakerState,
    inFlight: counted.inFlight,
    statements,
    bodyBudget: bodyBudget ?? new BodyBudget(upstream.largeBodyBudgetBytes, upstream.largeBodyQueueBytes),
  };
}
