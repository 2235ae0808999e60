import { randomUUID } from 'node:crypto';
import type { Caller } from './auth/caller.js';
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
