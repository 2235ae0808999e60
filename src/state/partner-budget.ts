import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { PartnerBudget } from './shared-store.js';

export interface PartnerBudgetOptions {
  /** Calls a partner may make per minute, across every replica. */
  perMinute: number;
  /** Replicas sharing the budget: without Redis each keeps its share, so together they stay within it. */
  replicas: number;
  /** Shared counters; unset: this process's alone. */
  redis?: Redis;
  keyPrefix: string;
}

const WINDOW_SECONDS = 60;

/**
 * Partner Center throttles per partner tenant (about 500 calls a minute on customers, orders and
 * subscriptions). One counter per partner key, in Redis so every replica draws on the same minute;
 * while Redis is not ready each replica counts alone against its share (rate-limiter-flexible's
 * insurance limiter), never refusing callers because Redis is down.
 */
export function createPartnerBudget({ perMinute, replicas, redis, keyPrefix }: PartnerBudgetOptions): PartnerBudget {
  const share = new RateLimiterMemory({ points: Math.max(1, Math.floor(perMinute / replicas)), duration: WINDOW_SECONDS });
  const limiter: RateLimiterAbstract = redis
    ? new RateLimiterRedis({
        storeClient: redis,
        points: perMinute,
        duration: WINDOW_SECONDS,
        keyPrefix: `${keyPrefix}budget`,
        rejectIfRedisNotReady: true,
        insuranceLimiter: share,
      })
    : new RateLimiterMemory({ points: perMinute, duration: WINDOW_SECONDS });
  return {
    async take(partnerKey) {
      try {
        await limiter.consume(partnerKey, 1);
        return { allowed: true };
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) return { allowed: false, retryAfterMs: Math.max(1, rejection.msBeforeNext) };
        // Neither Redis nor the insurance limiter answered: let the call through rather than fail callers.
        return { allowed: true };
      }
    },
    async drain(partnerKey, ms) {
      await limiter.block(partnerKey, Math.max(1, Math.ceil(ms / 1000))).catch(() => undefined);
    },
  };
}
