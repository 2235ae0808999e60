import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createStores, type Stores } from '../../src/state/create-stores.js';
import { Registry } from 'prom-client';
import { startRedis, type RedisServer } from '../support/redis.js';
import { eventually } from '../support/waiting.js';

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis.stop();
});

const silent = pino({ level: 'silent' });
const storesFor = (env: Record<string, string>, registry = new Registry()) =>
  createStores(loadConfig({ NODE_ENV: 'test', REDIS_URL: redis.url, ...env }), silent, registry);

async function ready(stores: Stores, registry: Registry) {
  await eventually(async () => (await registry.getSingleMetric('shared_state_redis_available')?.get())?.values[0]?.value === 1, 'redis ready');
}

describe('shared state on Redis', () => {
  it('two replicas see one store: values, one-time values and locks', async () => {
    const [ra, rb] = [new Registry(), new Registry()];
    const [a, b] = [storesFor({ REDIS_KEY_PREFIX: 'pg-test-1:' }, ra), storesFor({ REDIS_KEY_PREFIX: 'pg-test-1:' }, rb)];
    try {
      await Promise.all([ready(a, ra), ready(b, rb)]);
      await a.store.set('session:1', 'alice', 60_000);
      expect(await b.store.get('session:1')).toBe('alice');
      expect(await a.store.setIfAbsent('state:x', 'one', 60_000)).toBe(true);
      expect(await b.store.setIfAbsent('state:x', 'two', 60_000)).toBe(false);
      expect(await b.store.take('state:x')).toBe('one');
      expect(await a.store.take('state:x')).toBeUndefined();

      const order: string[] = [];
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let entered!: () => void;
      const inside = new Promise<void>((resolve) => (entered = resolve));
      const first = a.store.withLock('refresh:1', 5_000, async () => {
        order.push('a in');
        entered();
        await held;
        order.push('a out');
      });
      await inside;
      const second = b.store.withLock('refresh:1', 5_000, async () => order.push('b in'));
      release();
      await Promise.all([first, second]);
      expect(order).toEqual(['a in', 'a out', 'b in']);
      // The keys carry the prefix, so environments can share one Redis.
      const raw = new Redis(redis.url);
      expect(await raw.get('pg-test-1:session:1')).toBe('alice');
      raw.disconnect();
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('the partner budget is one budget across replicas, and a drain empties it everywhere', async () => {
    const [ra, rb] = [new Registry(), new Registry()];
    const env = { REDIS_KEY_PREFIX: 'pg-test-2:', PARTNER_BUDGET_PER_MINUTE: '10', GATEWAY_REPLICAS: '2' };
    const [a, b] = [storesFor(env, ra), storesFor(env, rb)];
    try {
      await Promise.all([ready(a, ra), ready(b, rb)]);
      const verdicts = [];
      for (let i = 0; i < 15; i += 1) verdicts.push(await (i % 2 === 0 ? a : b).budget!.take('partner-1'));
      expect(verdicts.filter((v) => v.allowed).length).toBe(10);
      const refused = verdicts.find((v) => !v.allowed);
      expect(refused && !refused.allowed && refused.retryAfterMs > 0 && refused.retryAfterMs <= 60_000).toBe(true);
      expect((await a.budget!.take('partner-2')).allowed).toBe(true);
      await a.budget!.drain('partner-2', 30_000);
      const drained = await b.budget!.take('partner-2');
      expect(drained.allowed).toBe(false);
      expect(!drained.allowed && drained.retryAfterMs > 29_000 && drained.retryAfterMs <= 30_000).toBe(true);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('with Redis down every operation answers from this replica, is counted, and Redis is used again once back', async () => {
    const registry = new Registry();
    const stores = storesFor({ REDIS_KEY_PREFIX: 'pg-test-3:', PARTNER_BUDGET_PER_MINUTE: '4', GATEWAY_REPLICAS: '2' }, registry);
    try {
      await ready(stores, registry);
      await redis.kill();
      await eventually(async () => (await registry.getSingleMetric('shared_state_redis_available')?.get())?.values[0]?.value === 0, 'redis marked down');
      await stores.store.set('k', 'local', 60_000);
      expect(await stores.store.get('k')).toBe('local');
      expect(await stores.store.withLock('l', 1000, async () => 'locked')).toBe('locked');
      // Its share of the budget: 4 / 2 replicas.
      const verdicts = [];
      for (let i = 0; i < 3; i += 1) verdicts.push((await stores.budget!.take('p')).allowed);
      expect(verdicts).toEqual([true, true, false]);
      const fallbacks = await registry.getSingleMetric('shared_state_fallbacks_total')?.get();
      expect(Object.fromEntries(fallbacks!.values.map((v) => [v.labels.operation, v.value]))).toEqual({ set: 1, get: 1, withLock: 1 });

      await redis.restart();
      await ready(stores, registry);
      await stores.store.set('k', 'shared', 60_000);
      const raw = new Redis(redis.url);
      expect(await raw.get('pg-test-3:k')).toBe('shared');
      raw.disconnect();
    } finally {
      await stores.close();
    }
  });
});
