import { Cancellation, type CancelSignal } from '../concurrency/cancellation.js';
import type { Caller } from '../auth/caller.js';
import type { Logger } from '../observability/logger.js';
import type { BodyBudget, BodyTicket } from '../partner-center/transport/large-bodies.js';

/**
 * What one request's execution runs under: made once, by the context factory as the execution starts (after
 * use-authentication knew the caller), passed down through the context and CallContext, frozen. The correlation
 * id also lives before and after it (request-state), since the HTTP answer needs it without a context.
 */
export interface RequestScope {
  readonly correlationId: string;
  readonly logger: Logger;
  /** Who is asking; undefined for a request without credentials. */
  readonly caller: Caller | undefined;
  /** Fires when `cancel` does or the deadline passes; `at` is the deadline's time (ms since the epoch). */
  readonly deadline: { readonly signal: CancelSignal; readonly at: number };
}

export interface ScopeInputs {
  readonly correlationId: string;
  readonly logger: Logger;
  readonly caller: Caller | undefined;
  readonly deadlineMs: number;
  /** What ends the execution besides its deadline: the caller's going away, or every sharer's (use-operation-single-flight). */
  readonly cancel: CancelSignal;
  /** The upstream's large-body budget: the execution takes one ticket of it. Default: unbounded. */
  readonly bodyBudget?: BodyBudget | undefined;
}

/** The scope and what only this module may end: the deadline's timer and the execution's body ticket. */
interface Opened {
  readonly scope: RequestScope;
  readonly bodies: BodyTicket | undefined;
  readonly timer: NodeJS.Timeout;
}

const opened = new WeakMap<Request, Opened>();

/**
 * Makes the request's scope, its deadline and body ticket. A batched request's later operations share the
 * first one's (one deadline per HTTP request). A Cancellation and a timer: AbortSignal.timeout and
 * AbortSignal.any per request cost far more on Node 20, and so does an AbortController's signal (cancellation.ts).
 */
export function openScope(request: Request, inputs: ScopeInputs): { scope: RequestScope; bodies: BodyTicket | undefined } {
  const existing = opened.get(request);
  if (existing) return existing;
  const controller = new Cancellation();
  const bodies = inputs.bodyBudget?.ticket();
  // The execution is over once its deadline fires: what it held of the large-body budget goes back too.
  const abort = (reason: unknown) => {
    controller.abort(reason);
    bodies?.close();
  };
  const timer = setTimeout(() => abort(new DOMException('The request deadline passed', 'TimeoutError')), inputs.deadlineMs);
  timer.unref();
  const { cancel } = inputs;
  if (cancel.aborted) abort(cancel.reason);
  else cancel.addEventListener('abort', () => abort(cancel.reason), { once: true });
  const scope: RequestScope = Object.freeze({
    correlationId: inputs.correlationId,
    logger: inputs.logger,
    caller: inputs.caller,
    deadline: Object.freeze({ signal: controller, at: Date.now() + inputs.deadlineMs }),
  });
  const entry: Opened = { scope, bodies, timer };
  opened.set(request, entry);
  return entry;
}

/**
 * The execution has answered: its deadline timer is cleared and its large bodies are no longer held for it.
 * Called by whoever owns the execution's end: the response (use-request-state) or a shared flight.
 */
export function closeScope(request: Request): void {
  const entry = opened.get(request);
  if (!entry) return;
  clearTimeout(entry.timer);
  entry.bodies?.close();
}
