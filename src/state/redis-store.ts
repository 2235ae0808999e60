import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import type { SharedStore } from './shared-store.js';

/** Deletes a lock only if this holder still owns it (it may have expired and been taken by another). */
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;
const LOCK_POLL_MS = 20;

/** SharedStore on Redis: every replica that points at the same Redis and prefix sees the same state. */
export class RedisStore implements SharedStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async get(key: string): Promise<string | undefined> {
    return (await this.redis.get(this.prefix + key)) ?? undefined;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    await this.redis.set(this.prefix + key, value, 'PX', Math.max(1, Math.ceil(ttlMs)));
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    return (await this.redis.set(this.prefix + key, value, 'PX', Math.max(1, Math.ceil(ttlMs)), 'NX')) === 'OK';
  }

  async take(key: string): Promise<string | undefined> {
    return (await this.redis.getdel(this.prefix + key)) ?? undefined;
  }

  async delete(key: string): Promise<void> {
    await this.redis.del(this.prefix + key);
  }

  /** A lock with an owner token and an expiry: a holder that dies releases it by expiring. */
  async withLock<T>(key: string, ttlMs: number, work: () => Promise<T>): Promise<T> {
    const lockKey = `${this.prefix}lock:${key}`;
    const token = randomUUID();
    const ttl = Math.max(1, Math.ceil(ttlMs));
    while ((await this.redis.set(lockKey, token, 'PX', ttl, 'NX')) !== 'OK') await delay(LOCK_POLL_MS);
    try {
      return await work();
    } finally {
      await this.redis.eval(RELEASE, 1, lockKey, token).catch(() => undefined);
    }
  }
}
