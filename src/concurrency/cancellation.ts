import events, { setMaxListeners } from 'node:events';

/** What the gateway's cancellable work reads of a signal: an AbortSignal is one, and so is a Cancellation. */
export type CancelSignal = Pick<AbortSignal, 'aborted' | 'reason' | 'addEventListener' | 'removeEventListener' | 'throwIfAborted'>;

/** Node's key for an event target's listener cap: what setMaxListeners sets, without its per-call checks. Not documented, so optional. */
const MAX_LISTENERS = (events as unknown as { kMaxEventTargetListeners?: symbol }).kMaxEventTargetListeners;

/**
 * A signal and its abort() in one EventTarget, for work made per request (its deadline). Node's AbortController
 * builds each AbortSignal as an EventTarget and then swaps its prototype, which costs microseconds per signal and
 * slows every listener added to it; a subclass of EventTarget does not. It has no onabort and is not an
 * AbortSignal instance: hand it only to code that listens for 'abort' and reads `aborted` and `reason`.
 */
export class Cancellation extends EventTarget implements CancelSignal {
  aborted = false;
  reason: unknown = undefined;

  // Every upstream call in flight listens on it (25 at once for a fan-out): no cap, so Node never warns of a leak.
  constructor() {
    super();
    if (MAX_LISTENERS) (this as unknown as Record<symbol, number>)[MAX_LISTENERS] = 0;
    else setMaxListeners(0, this);
  }

  throwIfAborted(): void {
    if (this.aborted) throw this.reason;
  }

  /** Fires 'abort' once, with `reason` (an AbortError DOMException when none is given). */
  abort(reason: unknown = new DOMException('This operation was aborted', 'AbortError')): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    this.dispatchEvent(new Event('abort'));
  }
}

/**
 * `signal` for an API typed for AbortSignal that only reads `aborted`/`reason` and listens for 'abort' (cockatiel's
 * execute, node:timers/promises, which checks for `aborted` and adds an 'abort' listener).
 */
export function asAbortSignal(signal: CancelSignal): AbortSignal;
export function asAbortSignal(signal: CancelSignal | undefined): AbortSignal | undefined;
export function asAbortSignal(signal: CancelSignal | undefined): AbortSignal | undefined {
  return signal as AbortSignal | undefined;
}
