import type { SharedStore } from './shared-store.js';

export interface FallbackOptions {
  /** Whether the shared store can be asked now (Redis connected). */
  available(): boolean;
  /** Told when an operation fell back to the local store. */
  onFallback(operation: string, error?: unknown): void;
}

/**
 * The shared store while it answers, this replica's own store while it does not: callers never see
 * Redis fail. What is written during an outage lives only on this replica until it expires.
 */
export class FallbackStore implements SharedStore {
  constructor(
    private readonly shared: SharedStore,
    private readonly local: SharedStore,
    private readonly options: FallbackOptions,
  ) {}

  get(key: string) {
    return this.#either('get', (store) => store.get(key));
  }

  set(key: string, value: string, ttlMs: number) {
    return this.#either('set', (store) => store.set(key, value, ttlMs));
  }

  setIfAbsent(key: string, value: string, ttlMs: number) {
    return this.#either('setIfAbsent', (store) => store.setIfAbsent(key, value, ttlMs));
  }

  take(key: string) {
    return this.#either('take', (store) => store.take(key));
  }

  delete(key: string) {
    return this.#either('delete', (store) => store.delete(key));
  }

  /** The lock is taken where the state is; `work` itself runs once, outside the fallback. */
  async withLock<T>(key: string, ttlMs: number, work: () => Promise<T>): Promise<T> {
    if (!this.options.available()) {
      this.options.onFallback('withLock');
      return this.local.withLock(key, ttlMs, work);
    }
    let started = false;
    try {
      return await this.shared.withLock(key, ttlMs, () => {
        started = true;
        return work();
      });
    } catch (error) {
      if (started) throw error;
      this.options.onFallback('withLock', error);
      return this.local.withLock(key, ttlMs, work);
    }
  }

  async #either<T>(operation: string, run: (store: SharedStore) => Promise<T>): Promise<T> {
    if (!this.options.available()) {
      this.options.onFallback(operation);
      return run(this.local);
    }
    try {
      return await run(this.shared);
    } catch (error) {
      this.options.onFallback(operation, error);
      return run(this.local);
    }
  }
}
