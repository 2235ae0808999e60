/** One piece of shared work: its result, what cancels it, and how many are waiting for it. */
export interface Flight<T> {
  readonly key: string;
  readonly result: Promise<T>;
  readonly controller: AbortController;
  waiting: number;
}

/**
 * Work in flight, shared by everyone who asks for the same key while it runs: the core of upstream
 * single-flight (partner-center/single-flight.ts) and operation single-flight (plugins/use-operation-single-
 * flight.ts). Nothing is kept once the work settles. The work is cancelled only when every waiter has left,
 * and is then unlisted at once: whoever asks next starts afresh rather than sharing a cancelled result.
 */
export class InFlight<T> {
  readonly #flights = new Map<string, Flight<T>>();

  /** How many pieces of work are listed. */
  get size(): number {
    return this.#flights.size;
  }

  /** The work listed under `key`, or new work from `start` (given the signal that cancels it). */
  join(key: string, start: (signal: AbortSignal) => T | Promise<T>): { flight: Flight<T>; joined: boolean } {
    const listed = this.#flights.get(key);
    if (listed) return { flight: listed, joined: true };
    const controller = new AbortController();
    let started: Promise<T>;
    try {
      started = Promise.resolve(start(controller.signal));
    } catch (error) {
      started = Promise.reject(error as Error); // a synchronous throw is a failure like any other
    }
    const result = started.finally(() => this.#forget(flight));
    result.catch(() => undefined); // delivered to each waiter
    const flight: Flight<T> = { key, result, controller, waiting: 0 };
    this.#flights.set(key, flight);
    return { flight, joined: false };
  }

  /**
   * The work's result, or `left(signal)` once `signal` fires first (its caller went away or its deadline
   * passed). The last waiter to leave cancels the work with the signal's reason.
   */
  wait(flight: Flight<T>, signal: AbortSignal | undefined, left: (signal: AbortSignal) => Promise<T>): Promise<T> {
    flight.waiting += 1;
    if (!signal) return flight.result;
    if (signal.aborted) return this.#leave(flight, signal, left);
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => this.#leave(flight, signal, left).then(resolve, reject);
      signal.addEventListener('abort', onAbort, { once: true });
      flight.result.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
  }

  #leave(flight: Flight<T>, signal: AbortSignal, left: (signal: AbortSignal) => Promise<T>): Promise<T> {
    flight.waiting -= 1;
    if (flight.waiting === 0) {
      this.#forget(flight);
      flight.controller.abort(signal.reason);
    }
    return left(signal);
  }

  /** Only the flight still listed under its key: a cancelled one may have been replaced already. */
  #forget(flight: Flight<T>): void {
    if (this.#flights.get(flight.key) === flight) this.#flights.delete(flight.key);
  }
}
