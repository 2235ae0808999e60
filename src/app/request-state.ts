import { randomUUID } from 'node:crypto';
import type { Logger } from '../observability/logger.js';
import { isGuid } from '../partner-center/client/ids.js';

/**
 * What every part of the gateway may know about one HTTP request from its first byte to its last, before a
 * context exists and after it is gone: its correlation id, start time and child logger, none of which changes.
 * Opened by use-request-state (onRequest). Each plugin keeps its own figures about the request in its own
 * WeakMap (use-authentication the caller, use-error-policy the error codes, the context factory the upstream
 * calls, use-operation-single-flight its sharing); the execution's RequestScope (request-scope.ts) gathers
 * what resolvers need.
 */
export interface RequestState {
  readonly correlationId: string;
  readonly logger: Logger;
  readonly startedAt: number;
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
  #logger: Logger | undefined;

  constructor(
    readonly correlationId: string,
    private readonly root: Logger,
  ) {}

  /**
   * Made on first use: pino's child() (bindings, redaction set-up) is wasted on a request that logs nothing, as
   * most do at LOG_LEVEL=warn (BENCHMARKS.md).
   */
  get logger(): Logger {
    return (this.#logger ??= this.root.child({ correlationId: this.correlationId }));
  }
}

/**
 * The state use-request-state opened for the request. One it never opened (answered before it, as /health is, or
 * a yoga without it) gets a state of its own from its header, not kept: reading never creates anything.
 */
export function requestState(request: Request, root: Logger): RequestState {
  return states.get(request) ?? new State(correlationIdFrom(request), root);
}
