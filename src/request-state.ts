import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import type { Caller } from './auth/caller.js';
import type { Logger } from './logger.js';
import type { BodyTicket } from './partner-center/large-bodies.js';
import { isGuid } from './partner-center/ids.js';

/**
 * What the gateway knows about one HTTP request from its first byte to its last: the correlation id,
 * the request's child logger and the figures for its one summary log line. Plugins and the context
 * reach it through the Request object, so nothing about a request lives in module scope.
 */
export interface RequestState {
  readonly correlationId: string;
  readonly logger: Logger;
  /** Who is asking, once use-authentication knows (undefined before, and for requests without credentials). */
  readonly caller: Caller | undefined;
  /** Records the caller; the request's logger from then on carries its tid/oid (or token hash). */
  setCaller(caller: Caller): void;
  readonly startedAt: number;
  upstreamCalls: number;
  /** Partner Center answered one of its calls as it answers only a caller whose token it accepted. */
  authenticated: boolean;
  operationName: string | undefined;
  errorCodes: string[];
  /** Set once a GraphQL result was produced (false for GraphiQL pages, health checks …). */
  graphql: boolean;
  /**
   * What cancels the request's upstream calls besides its deadline. Default: the request's own signal (its
   * caller went away). A request whose execution others share (use-operation-single-flight) gets the shared
   * flight's, which fires only when all of them have gone; that flight, not the response, then releases the
   * deadline (releaseRequest leaves it).
   */
  cancel?: AbortSignal;
  /** The correlation id of the request whose execution this one shared, if it did (its log line says so). */
  sharedWith?: string;
  /** True when that execution had already answered: this one got its lingering result (OPERATION_SINGLE_FLIGHT_LINGER_MS). */
  sharedCompleted?: boolean;
  /** The request's deadline, made on first use by requestDeadline() and released with the response. */
  deadline?: { readonly controller: AbortController; readonly timer: NodeJS.Timeout; readonly at: number };
  /** The execution's share of the large-body memory budget: closed with the deadline (releaseDeadline), or when it fires. */
  bodies?: BodyTicket;
  /**
   * Set while an incremental response (@defer/@stream) still has payloads to send: what waits for its end
   * (afterResponse), run by endResponse. Undefined for a response written in one piece.
   */
  pendingEnd?: (() => void)[];
}

const states = new WeakMap<Request, RequestState>();

export const CORRELATION_HEADER = 'ms-correlationid';

/** Reuses a valid inbound MS-CorrelationId (a GUID), otherwise makes one. */
export function correlationIdFrom(request: Request): string {
  return correlationIdOf(request.headers.get(CORRELATION_HEADER));
}

/** The same, from the header's raw value (server.ts, before a Request exists). */
export function correlationIdOf(header: string | string[] | null | undefined): string {
  const inbound = typeof header === 'string' ? header.trim() : undefined;
  return inbound && isGuid(inbound) ? inbound : randomUUID();
}

/** `correlationId`: the one server.ts gave the HTTP exchange; default correlationIdFrom(request). */
export function startRequest(request: Request, root: Logger, correlationId = correlationIdFrom(request)): RequestState {
  const state = new State(correlationId, root);
  states.set(request, state);
  return state;
}

class State implements RequestState {
  readonly startedAt = performance.now();
  upstreamCalls = 0;
  authenticated = false;
  operationName: string | undefined = undefined;
  errorCodes: string[] = [];
  graphql = false;
  cancel?: AbortSignal;
  sharedWith?: string;
  sharedCompleted?: boolean;
  deadline?: RequestState['deadline'];
  bodies?: BodyTicket;
  pendingEnd?: (() => void)[];
  #logger: Logger | undefined;
  #caller: Caller | undefined;

  constructor(
    readonly correlationId: string,
    private readonly root: Logger,
  ) {}

  /**
   * Made on first use: pino's child() (bindings, redaction set-up) cost about 2 % of a request that logs
   * nothing at LOG_LEVEL=warn, as a request sharing another's execution does (BENCHMARKS.md).
   */
  get logger(): Logger {
    return (this.#logger ??= this.root.child({ correlationId: this.correlationId, ...this.#caller?.bindings }));
  }

  get caller(): Caller | undefined {
    return this.#caller;
  }

  setCaller(caller: Caller): void {
    this.#caller = caller;
    // Made again on next use, with the caller's bindings: every line after authentication names the caller.
    this.#logger = undefined;
  }
}

/** The state of a request; made on demand for requests that bypassed onRequest (yoga.fetch in tests). */
export function requestState(request: Request, root: Logger): RequestState {
  return states.get(request) ?? startRequest(request, root);
}

/**
 * One AbortSignal per request that fires when the caller goes away (or, for a shared execution, all of its
 * callers: `state.cancel`) or the deadline passes, with the deadline's time. A plain controller and timer,
 * cleared by releaseRequest(): AbortSignal.timeout and AbortSignal.any per request cost far more on Node 20
 * (BENCHMARKS.md).
 */
export function requestDeadline(state: RequestState, request: Request, ms: number): { signal: AbortSignal; at: number } {
  if (!state.deadline) {
    const controller = new AbortController();
    // Every upstream call in flight listens on it (25 at once for a 25-customer fan-out), and it lives one
    // request: Node's default of 10 printed "MaxListenersExceededWarning: Possible EventTarget memory leak".
    setMaxListeners(0, controller.signal);
    // The execution is over once its deadline fires: what it held of the large-body budget goes back too
    // (closed here, not by one more listener on a signal every upstream call of the request listens to).
    const abort = (reason: unknown) => {
      controller.abort(reason);
      state.bodies?.close();
    };
    const timer = setTimeout(() => abort(new DOMException('The request deadline passed', 'TimeoutError')), ms);
    timer.unref();
    const cancel = state.cancel ?? request.signal;
    if (cancel.aborted) abort(cancel.reason);
    else cancel.addEventListener('abort', () => abort(cancel.reason), { once: true });
    state.deadline = { controller, timer, at: Date.now() + ms };
  }
  return { signal: state.deadline.controller.signal, at: state.deadline.at };
}

/**
 * The response is on its way: the deadline timer is no longer needed once it has ended (afterResponse). Except
 * when the request's execution is shared (`state.cancel`): others may still wait for it after this one answered
 * (it went away), so the execution must keep its deadline; the flight releases it when it settles (releaseDeadline).
 */
export function releaseRequest(state: RequestState): void {
  if (!state.cancel) afterResponse(state, () => releaseDeadline(state));
}

export function releaseDeadline(state: RequestState): void {
  if (state.deadline) clearTimeout(state.deadline.timer);
  // The execution has answered: the large bodies it parsed are no longer held for it.
  state.bodies?.close();
}

/** The response carries several payloads (use-incremental-delivery): it ends at endResponse, not when it is made. */
export function awaitLastPayload(state: RequestState): void {
  state.pendingEnd ??= [];
}

/**
 * Runs `finish` once the request's response has ended, so that it sees the whole response (its upstream calls,
 * its error codes, its duration): at once, or, for an incremental response, after its last payload.
 */
export function afterResponse(state: RequestState, finish: () => void): void {
  if (state.pendingEnd) state.pendingEnd.push(finish);
  else finish();
}

/** The incremental response's last payload is written, or its caller went away: what waited for it runs, once. */
export function endResponse(state: RequestState): void {
  const pending = state.pendingEnd;
  if (!pending) return;
  state.pendingEnd = undefined;
  for (const finish of pending) finish();
}
