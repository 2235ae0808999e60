import { randomUUID } from 'node:crypto';
import type { Logger } from './logger.js';
import { isGuid } from './partner-center/ids.js';

/**
 * What the gateway knows about one HTTP request from its first byte to its last: the correlation id,
 * the request's child logger and the figures for its one summary log line. Plugins and the context
 * reach it through the Request object, so nothing about a request lives in module scope.
 */
export interface RequestState {
  readonly correlationId: string;
  readonly logger: Logger;
  readonly startedAt: number;
  upstreamCalls: number;
  operationName: string | undefined;
  errorCodes: string[];
  /** Set once a GraphQL result was produced (false for GraphiQL pages, health checks …). */
  graphql: boolean;
  /** The request's deadline, made on first use by requestDeadline() and released with the response. */
  deadline?: { readonly controller: AbortController; readonly timer: NodeJS.Timeout; readonly at: number };
}

const states = new WeakMap<Request, RequestState>();

export const CORRELATION_HEADER = 'ms-correlationid';

/** Reuses a valid inbound MS-CorrelationId (a GUID), otherwise makes one. */
export function correlationIdFrom(request: Request): string {
  const inbound = request.headers.get(CORRELATION_HEADER)?.trim();
  return inbound && isGuid(inbound) ? inbound : randomUUID();
}

export function startRequest(request: Request, root: Logger): RequestState {
  const correlationId = correlationIdFrom(request);
  const state: RequestState = {
    correlationId,
    logger: root.child({ correlationId }),
    startedAt: performance.now(),
    upstreamCalls: 0,
    operationName: undefined,
    errorCodes: [],
    graphql: false,
  };
  states.set(request, state);
  return state;
}

/** The state of a request; made on demand for requests that bypassed onRequest (yoga.fetch in tests). */
export function requestState(request: Request, root: Logger): RequestState {
  return states.get(request) ?? startRequest(request, root);
}

/**
 * One AbortSignal per request that fires when the caller goes away or the deadline passes, with the
 * deadline's time. A plain controller and timer, cleared by releaseRequest(): AbortSignal.timeout
 * and AbortSignal.any per request cost far more on Node 20 (BENCHMARKS.md).
 */
export function requestDeadline(state: RequestState, request: Request, ms: number): { signal: AbortSignal; at: number } {
  if (!state.deadline) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new DOMException('The request deadline passed', 'TimeoutError')), ms);
    timer.unref();
    if (request.signal.aborted) controller.abort(request.signal.reason);
    else request.signal.addEventListener('abort', () => controller.abort(request.signal.reason), { once: true });
    state.deadline = { controller, timer, at: Date.now() + ms };
  }
  return { signal: state.deadline.controller.signal, at: state.deadline.at };
}

/** The response is on its way: the deadline timer is no longer needed. */
export function releaseRequest(state: RequestState): void {
  if (state.deadline) clearTimeout(state.deadline.timer);
}
