import { Redis } from 'ioredis';
import type { Registry } from 'prom-client';
import type { Config } from '../config.js';
import type { Logger } from '../observability/logger.js';
import { FallbackStore } from './fallback-store.js';
import { MemoryStore } from './memory-store.js';
import { createPartnerBudget } from './partner-budget.js';
import { RedisStore } from './redis-store.js';
import type { PartnerBudget, SharedStore } from './shared-store.js';
import { createStateMetrics, type StateMetrics } from './state-metrics.js';

export interface Stores {
  readonly store: SharedStore;
  /** Undefined when PARTNER_BUDGET_PER_MINUTE is 0. */
  readonly budget: PartnerBudget | undefined;
  readonly metrics: StateMetrics;
  close(): Promise<void>;
}

/** In-process state when REDIS_URL is unset (one replica, `npm start`); Redis with a local fallback when set. */
export function createStores(config: Config, logger: Logger, registry?: Registry): Stores {
  const metrics = createStateMetrics(registry);
  const { redisUrl, keyPrefix, commandTimeoutMs } = config.sharedState;
  const redis = redisUrl ? connect(redisUrl, commandTimeoutMs, logger, metrics) : undefined;
  const local = new MemoryStore();
  const store = redis
    ? new FallbackStore(new RedisStore(redis, keyPrefix), local, {
        available: () => redis.status === 'ready',
        onFallback: (operation) => metrics.countFallback(operation),
      })
    : local;
  const { perMinute, replicas } = config.partnerBudget;
  const budget = perMinute > 0 ? createPartnerBudget({ perMinute, replicas, keyPrefix, ...(redis ? { redis } : {}) }) : undefined;
  return {
    store,
    budget,
    metrics,
    async close() {
      if (redis) await redis.quit().catch(() => redis.disconnect());
    },
  };
}

/** Fails fast while disconnected (no offline queue) and reconnects in the background. */
function connect(url: string, commandTimeoutMs: number, logger: Logger, metrics: StateMetrics): Redis {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: commandTimeoutMs,
    connectTimeout: 2000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
  let available = false;
  const report = (now: boolean, error?: Error) => {
    metrics.setRedisAvailable(now);
    if (now === available || redis.status === 'end') return;
    available = now;
    if (now) logger.info({ redis: redisOrigin(url) }, 'shared state: Redis available');
    else logger.warn({ redis: redisOrigin(url), reason: error?.message }, 'shared state: Redis unavailable, each replica uses its own state');
  };
  metrics.setRedisAvailable(false);
  redis.on('ready', () => report(true));
  redis.on('error', (error: Error) => report(false, error));
  redis.on('close', () => report(false));
  return redis;
}

/** Host and port only: a Redis URL may carry a password. */
export function redisOrigin(url: string): string {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.host}`;
}
