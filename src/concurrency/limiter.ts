/** Runs `task` under a Limiter: at once while a slot is free, else when one frees, in the order asked. */
export type Limit = <T>(task: () => Promise<T>) => Promise<T>;

interface Waiting {
  readonly task: () => Promise<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * At most `limit` tasks in flight; the rest wait first in, first out. A task under the limit starts synchronously
 * and its own promise is handed back: the common case of one or a few calls costs no queue entry and no extra
 * promise. Made per request (its upstream calls), so the queue is short-lived and bounded by the request's cap.
 */
export class Limiter {
  #active = 0;
  readonly #waiting: Waiting[] = [];
  /** Bound once: every task's settlement hands its slot on. */
  readonly #release = (): void => {
    this.#active -= 1;
    const next = this.#waiting.shift();
    if (next) this.#start(next.task).then(next.resolve, next.reject);
  };

  constructor(readonly limit: number) {
    if (!(limit >= 1)) throw new RangeError('limit must be at least 1');
  }

  /** Tasks running now. */
  get active(): number {
    return this.#active;
  }

  /** Tasks waiting for a slot. */
  get queued(): number {
    return this.#waiting.length;
  }

  readonly run: Limit = <T>(task: () => Promise<T>): Promise<T> => {
    if (this.#active < this.limit) return this.#start(task);
    return new Promise<T>((resolve, reject) => {
      this.#waiting.push({ task, resolve: resolve as (value: unknown) => void, reject });
    });
  };

  #start<T>(task: () => Promise<T>): Promise<T> {
    this.#active += 1;
    let result: Promise<T>;
    try {
      result = task();
    } catch (error) {
      result = Promise.reject(error);
    }
    result.then(this.#release, this.#release);
    return result;
  }
}
