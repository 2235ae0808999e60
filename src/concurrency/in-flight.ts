import { Cancellation, type CancelSignal } from './cancellation.js';

/** One piece of shared work: its result, what cancels it, and how many are waiting for it. */
export interface Flight<T> {
  readonly key: string;
  readonly result: Promise<T>;
  readonly controller: Cancellation;
  waiting: number;
  /** How many asked for it after it started (join() found it listed). */
  joins: number;
  /** True once its result is there (and it lingers, or it would not be found). */
  settled: boolean;
}

/**
 * Keeping some settled results listed a little longer ("linger"), so identical asks that come just after
 * the work finished get its result too, as if they had arrived while it ran.
 */
export interface LingerOptions<T> {
  /** How long a kept result stays listed after it settled, ms (> 0). */
  readonly ms: number;
  /** Most results listed after they settled; past it the oldest is unlisted first (> 0). */
  readonly max: number;
  /** Whether this flight's value may stay listed. Failures never do. */
  keep(flight: Flight<T>, value: T): boolean;
}

/**
 * Work in flight, shared by everyone who asks for the same key while it runs: the core of upstream
 * single-flight (partner-center/transport/single-flight.ts) and operation single-flight
 * (plugins/performance/use-operation-single-flight.ts). Nothing is kept once the work settles, unless
 * `linger` says so for that value: then it stays listed for `linger.ms`. The work is cancelled only when every waiter has left, and is then unlisted at
 * once: whoever asks next starts afresh rather than sharing a cancelled result.
 */
export class InFlight<T> {
  readonly #flights = new Map<string, Flight<T>>();
  /** The settled flights still listed, oldest first, with the timers that unlist them. */
  readonly #lingering = new Map<Flight<T>, NodeJS.Timeout>();

  constructor(private readonly linger?: LingerOptions<T>) {}

  /** How many pieces of work are listed, running or lingering. */
  get size(): number {
    return this.#flights.size;
  }

  /** How many of them have settled and linger. */
  get lingering(): number {
    return this.#lingering.size;
  }

  /** The work listed under `key`, or new work from `start` (given the signal that cancels it). */
  join(key: string, start: (signal: CancelSignal) => T | Promise<T>): { flight: Flight<T>; joined: boolean } {
    const listed = this.#flights.get(key);
    if (listed) {
      listed.joins += 1;
      return { flight: listed, joined: true };
    }
    const controller = new Cancellation();
    let started: Promise<T>;
    try {
      started = Promise.resolve(start(controller));
    } catch (error) {
      started = Promise.reject(error as Error); // a synchronous throw is a failure like any other
    }
    const result = started.then(
      (value) => (this.#settled(flight, value), value),
      (error: unknown) => {
        this.#forget(flight);
        throw error;
      },
    );
    result.catch(() => undefined); // delivered to each waiter
    const flight: Flight<T> = { key, result, controller, waiting: 0, joins: 0, settled: false };
    this.#flights.set(key, flight);
    return { flight, joined: false };
  }

  /**
   * The work's result, or `left(signal)` once `signal` fires first (its caller went away or its deadline
   * passed). The last waiter to leave cancels the work with the signal's reason.
   */
  wait(flight: Flight<T>, signal: CancelSignal | undefined, left: (signal: CancelSignal) => Promise<T>): Promise<T> {
    flight.waiting += 1;
    if (!signal) return flight.result;
    if (signal.aborted) return this.#leave(flight, signal, left);
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => this.#leave(flight, signal, left).then(resolve, reject);
      signal.addEventListener('abort', onAbort, { once: true });
      flight.result.then(
        (value) => {
          signal.removeEventListener('abort', onAbort);
          resolve(value);
        },
        (error: unknown) => {
          signal.removeEventListener('abort', onAbort);
          reject(error);
        },
      );
    });
  }

  #leave(flight: Flight<T>, signal: CancelSignal, left: (signal: CancelSignal) => Promise<T>): Promise<T> {
    flight.waiting -= 1;
    if (flight.waiting === 0) {
      this.#forget(flight);
      flight.controller.abort(signal.reason);
    }
    return left(signal);
  }

  /**
   * Unlisted at once, or kept for `linger.ms` when the options keep this value. Work that was cancelled is no
   * longer listed (its last waiter unlisted it), so it is never kept.
   */
  #settled(flight: Flight<T>, value: T): void {
    flight.settled = true;
    const { linger } = this;
    if (!linger || this.#flights.get(flight.key) !== flight || !linger.keep(flight, value)) {
      this.#forget(flight);
      return;
    }
    const timer = setTimeout(() => this.#forget(flight), linger.ms);
    timer.unref();
    this.#lingering.set(flight, timer);
    if (this.#lingering.size > linger.max) this.#forget(this.#lingering.keys().next().value!);
  }

  /** Only the flight still listed under its key: a cancelled one may have been replaced already. */
  #forget(flight: Flight<T>): void {
    if (this.#flights.get(flight.key) === flight) this.#flights.delete(flight.key);
    const timer = this.#lingering.get(flight);
    if (timer) {
      clearTimeout(timer);
      this.#lingering.delete(flight);
    }
  }
}
