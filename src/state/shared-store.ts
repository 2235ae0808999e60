/**
 * State the replicas share: browser sessions, on-behalf-of tokens, APQ texts. Redis when REDIS_URL is
 * set (redis-store.ts), else this process's memory (memory-store.ts), so `npm start` needs nothing.
 * Values are strings; callers serialise (and, for sessions, encrypt) before they store.
 */
export interface SharedStore {
  get(key: string): Promise<string | undefined>;
  /** Stores `value` under `key` for `ttlMs`. */
  set(key: string, value: string, ttlMs: number): Promise<void>;
  /** Stores only if `key` is absent; true when this call stored it (a one-time value: auth `state`, a code). */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  /** Reads and deletes in one step (a value that must be used once). */
  take(key: string): Promise<string | undefined>;
  delete(key: string): Promise<void>;
  /**
   * Runs `work` while holding `key`'s lock across every replica sharing the store (held at most `ttlMs`);
   * a second caller waits for the first to finish, then runs its own `work` (which should re-read state).
   */
  withLock<T>(key: string, ttlMs: number, work: () => Promise<T>): Promise<T>;
}

/** The per-partner upstream budget (PARTNER_BUDGET_PER_MINUTE), shared by replicas like the store. */
export interface PartnerBudget {
  /** Takes one call from `partnerKey`'s bucket; when empty, how long until one is available. */
  take(partnerKey: string): Promise<{ allowed: true } | { allowed: false; retryAfterMs: number }>;
  /** Partner Center answered 429: no call for `partnerKey` on any replica for `ms`. */
  drain(partnerKey: string, ms: number): Promise<void>;
}
