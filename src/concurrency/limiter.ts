/** Runs `task` under a Limiter: at once while a slot is free, else when one frees, in the order asked. */
export type Limit = <T>(task: () => Promise<T>) => Promise<T>;

/** A task found the limiter's queue full: it was not run. */
export class LimiterFull extends Error {
  constructor(readonly maxQueued: number) {
    super(`more than ${maxQueued} tasks are waiting`);
    this.name = 'LimiterFull';
  }
}

interface Waiting {
  readonly task: () => Promise<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * At most `limit` tasks in flight; the rest wait first in, first out, and at most `maxQueued` of them (beyond that
 * a task is refused with LimiterFull). A task under the limit starts synchronously and its own promise is handed
 * back: the common case of one or a few calls costs no queue entry and no extra promise.
 */
export class Limiter {
  #active = 0;
  #waiting: (Waiting | undefined)[] = [];
  #head = 0;
  /** Bound once: every task's settlement hands its slot on. */
  readonly #release = (): void => {
    this.#active -= 1;
    if (this.#head < this.#waiting.length) this.#startNext();
  };

  constructor(
    readonly limit: number,
    readonly maxQueued = Number.POSITIVE_INFINITY,
  ) {
    if (!(limit >= 1)) throw new RangeError('limit must be at least 1');
  }

  /** Tasks running now. */
  get active(): number {
    return this.#active;
  }

  /** Tasks waiting for a slot. */
  get queued(): number {
    return this.#waiting.length - this.#head;
  }

  readonly run: Limit = <T>(task: () => Promise<T>): Promise<T> => {
    if (this.#active < this.limit) return this.#start(task);
    if (this.queued >= this.maxQueued) return Promise.reject(new LimiterFull(this.maxQueued));
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

  #startNext(): void {
    const next = this.#waiting[this.#head]!;
    this.#waiting[this.#head] = undefined;
    this.#head += 1;
    // Drop the consumed head once it is most of the array, so a long-lived limiter (the bulkhead) does not grow.
    if (this.#head === this.#waiting.length || (this.#head > 64 && this.#head * 2 > this.#waiting.length)) {
      this.#waiting = this.#waiting.slice(this.#head);
      this.#head = 0;
    }
    this.#start(next.task).then(next.resolve, next.reject);
  }
}
