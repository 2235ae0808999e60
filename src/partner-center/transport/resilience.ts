import { setTimeout as sleep } from 'node:timers/promises';
import {
  BrokenCircuitError,
  BulkheadRejectedError,
  bulkhead,
  circuitBreaker,
  CircuitState,
  ExponentialBackoff,
  handleWhen,
  retry,
} from 'cockatiel';
import type { GetJson, UpstreamPath } from './http.js';
import { TimeWindowBreaker } from './time-window-breaker.js';
import { UpstreamError } from './upstream-error.js';
import { asAbortSignal } from '../../concurrency/cancellation.js';

export interface ResilienceOptions {
  /** Extra attempts for transient failures (connection errors, timeouts, 408, 5xx). Default 2. */
  retries: number;
  /** First backoff delay, ms (exponential with decorrelated jitter after it). Default 100. */
  retryBaseDelayMs: number;
  /** Longest backoff delay, ms. Default 2000. */
  retryMaxDelayMs: number;
  /** Longest Retry-After a request waits out on 429 (within its deadline); longer answers THROTTLED at once. Default 2000. */
  maxRetryAfterMs: number;
  /** Share of failed attempts (0–1) within the window at or above which the breaker opens. Default 0.5. */
  breakerFailureRate: number;
  /** Attempts the window must hold before the breaker may open. Default 20. */
  breakerMinCalls: number;
  /** The breaker counts the attempts that ended within the last this many ms of wall-clock time. Default 10000. */
  breakerWindowMs: number;
  /** How long the breaker stays open before one probe may pass, ms. Default 10000. */
  breakerHalfOpenAfterMs: number;
  /** Upstream calls in flight at once, process-wide. Default 128. */
  maxConcurrent: number;
  /** Calls that may wait for a slot; beyond that they fail fast. Default 1024. */
  maxQueued: number;
  /** Told about each retry (metrics; throttles are counted from the 429 answers themselves). */
  onRetry?: (route: string, reason: string) => void;
}

export type BreakerState = 'closed' | 'open' | 'half-open';

export interface Resilient {
  readonly getJson: GetJson;
  /** 'closed' | 'open' | 'half-open': readiness reports the upstream as known-broken while open. */
  breakerState(): BreakerState;
}

/** Worth another attempt of an idempotent GET: no answer, or an answer that says "try again". */
export function isTransient(error: unknown): boolean {
  if (!(error instanceof UpstreamError)) return false;
  return error.kind === 'network' || error.kind === 'timeout' || error.kind === 'server-error';
}

/**
 * Wraps the transport with Partner Center's failure modes in mind (API-FACTS 2.2, 8): a process-
 * wide bulkhead, a wait for 429 only when Retry-After is short and fits the request's deadline,
 * retries of transient failures with exponential backoff and jitter (the same MS-RequestId after a
 * timeout, a new one after any answer, as API-FACTS 1.1 asks), and a circuit breaker that fails
 * fast with no upstream call while Partner Center is known to be down. The breaker holds health,
 * never data, so sharing it between callers leaks nothing.
 */
export function withResilience(getJson: GetJson, options: ResilienceOptions): Resilient {
  const breaker = circuitBreaker(handleWhen(isTransient), {
    halfOpenAfter: options.breakerHalfOpenAfterMs,
    // A failure rate, not a run of failures: one tenant's faulty calls must not cut every caller off.
    // Over a wall-clock window: cockatiel's SamplingBreaker ages its slots only as calls arrive.
    breaker: new TimeWindowBreaker({
      failureRate: options.breakerFailureRate,
      minCalls: options.breakerMinCalls,
      windowMs: options.breakerWindowMs,
    }),
  });
  const retrying = retry(handleWhen(isTransient), {
    maxAttempts: options.retries,
    backoff: new ExponentialBackoff({ initialDelay: options.retryBaseDelayMs, maxDelay: options.retryMaxDelayMs }),
  });
  const slots = bulkhead(options.maxConcurrent, options.maxQueued);
  // cockatiel moves an open breaker to half-open only when the next call arrives; readiness needs
  // to know before that, so the time it opened is kept.
  let openedAt = 0;
  breaker.onBreak(() => (openedAt = Date.now()));

  const attempt = async (call: Parameters<GetJson>[0], target: UpstreamPath) => {
    let requestId: string | undefined;
    return retrying.execute(async ({ attempt: n }) => {
      if (n > 0) options.onRetry?.(target.route, 'transient');
      try {
        return await breaker.execute(() => getJson(call, target, requestId === undefined ? undefined : { requestId }));
      } catch (error) {
        // No answer within the time limit: the first request may still be processed, so resend it
        // under the same id. An answer (even 408 or 504) means a new id (API-FACTS 1.1).
        const unanswered = error instanceof UpstreamError && error.kind === 'timeout' && error.status === undefined;
        requestId = unanswered ? error.requestId : undefined;
        if (error instanceof BrokenCircuitError) throw unavailable(target, 'the circuit breaker is open');
        throw error;
      }
    }, asAbortSignal(call.signal));
  };

  const throttled = async (call: Parameters<GetJson>[0], target: UpstreamPath) => {
    try {
      return await attempt(call, target);
    } catch (error) {
      if (!(error instanceof UpstreamError) || error.kind !== 'throttled') throw error;
      const waitMs = (error.retryAfterSeconds ?? Number.POSITIVE_INFINITY) * 1000;
      const fits = waitMs <= options.maxRetryAfterMs && (call.deadline === undefined || Date.now() + waitMs < call.deadline);
      if (!fits) throw error;
      await sleep(waitMs, undefined, call.signal ? { signal: asAbortSignal(call.signal) } : undefined);
      return attempt(call, target); // once: a second 429 is the caller's answer, not another wait
    }
  };

  return {
    getJson: async (call, target) => {
      try {
        return await slots.execute(() => throttled(call, target));
      } catch (error) {
        if (error instanceof BulkheadRejectedError) throw unavailable(target, 'too many upstream calls are waiting');
        throw error;
      }
    },
    breakerState: () => {
      if (breaker.state === CircuitState.HalfOpen) return 'half-open';
      if (breaker.state !== CircuitState.Open && breaker.state !== CircuitState.Isolated) return 'closed';
      return Date.now() - openedAt >= options.breakerHalfOpenAfterMs ? 'half-open' : 'open';
    },
  };
}

function unavailable(target: UpstreamPath, why: string): UpstreamError {
  return new UpstreamError(`Partner Center is unavailable: ${why}`, { kind: 'unavailable', requestId: '', route: target.route });
}
