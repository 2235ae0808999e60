import { CircuitState, type IBreaker } from 'cockatiel';

export interface TimeWindowBreakerOptions {
  /** Share of failed calls (0–1] within the window that opens the circuit. */
  failureRate: number;
  /** Calls the window must hold before the circuit may open. */
  minCalls: number;
  /** The window, ms: only calls that ended within the last `windowMs` count. */
  windowMs: number;
  /** Buckets the window is cut into: calls leave it a bucket at a time. Default 10. */
  buckets?: number;
  /** The clock. Default Date.now. */
  now?: () => number;
}

interface Bucket {
  /** floor(time / bucketMs) of the calls it holds; a bucket whose index left the window is empty. */
  index: number;
  successes: number;
  failures: number;
}

/**
 * A failure-rate breaker over the last `windowMs` of wall-clock time, whatever the traffic. cockatiel's
 * SamplingBreaker moves on one slot per call, so after an idle spell its slots still hold old
 * successes and a burst of failures cannot reach the rate; here each bucket is stamped with its time
 * index and counts only while that index is inside the window.
 */
export class TimeWindowBreaker implements IBreaker {
  readonly #rate: number;
  readonly #minCalls: number;
  readonly #bucketMs: number;
  readonly #now: () => number;
  #buckets: Bucket[];

  constructor({ failureRate, minCalls, windowMs, buckets = 10, now = Date.now }: TimeWindowBreakerOptions) {
    if (!(failureRate > 0 && failureRate <= 1)) throw new RangeError(`failureRate must be in (0, 1], got ${failureRate}`);
    this.#rate = failureRate;
    this.#minCalls = Math.max(1, minCalls);
    this.#bucketMs = Math.max(1, Math.round(windowMs / buckets));
    this.#now = now;
    this.#buckets = Array.from({ length: buckets }, () => ({ index: -1, successes: 0, failures: 0 }));
  }

  /** For cockatiel's toJSON(): the buckets, restorable. */
  get state(): unknown {
    return this.#buckets.map((b) => ({ ...b }));
  }

  set state(value: unknown) {
    if (Array.isArray(value) && value.length === this.#buckets.length) this.#buckets = (value as Bucket[]).map((b) => ({ ...b }));
  }

  success(state: CircuitState): void {
    // A successful probe closes the circuit: what happened before it no longer counts.
    if (state === CircuitState.HalfOpen) this.#reset();
    this.#bucketNow().successes += 1;
  }

  failure(state: CircuitState): boolean {
    this.#bucketNow().failures += 1;
    if (state !== CircuitState.Closed) return true;
    const { successes, failures } = this.counts();
    const total = successes + failures;
    return total >= this.#minCalls && failures >= this.#rate * total;
  }

  /** Calls that ended within the window (tests, diagnostics). */
  counts(): { successes: number; failures: number } {
    const current = this.#indexNow();
    let successes = 0;
    let failures = 0;
    for (const bucket of this.#buckets) {
      if (!this.#inWindow(bucket, current)) continue;
      successes += bucket.successes;
      failures += bucket.failures;
    }
    return { successes, failures };
  }

  #indexNow(): number {
    return Math.floor(this.#now() / this.#bucketMs);
  }

  #inWindow(bucket: Bucket, current: number): boolean {
    return bucket.index > current - this.#buckets.length && bucket.index <= current;
  }

  #bucketNow(): Bucket {
    const index = this.#indexNow();
    const slot = ((index % this.#buckets.length) + this.#buckets.length) % this.#buckets.length;
    const bucket = this.#buckets[slot]!;
    if (bucket.index !== index) {
      bucket.index = index;
      bucket.successes = 0;
      bucket.failures = 0;
    }
    return bucket;
  }

  #reset(): void {
    for (const bucket of this.#buckets) {
      bucket.index = -1;
      bucket.successes = 0;
      bucket.failures = 0;
    }
  }
}
