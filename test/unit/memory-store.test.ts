import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/state/memory-store.js';

describe('MemoryStore', () => {
  it('expires entries after their ttl', async () => {
    let now = 1_000;
    const store = new MemoryStore(10, () => now);
    await store.set('a', '1', 100);
    expect(await store.get('a')).toBe('1');
    now = 1_100;
    expect(await store.get('a')).toBeUndefined();
  });

  it('stores a one-time value once and hands it out once', async () => {
    const store = new MemoryStore();
    expect(await store.setIfAbsent('state', 'x', 1000)).toBe(true);
    expect(await store.setIfAbsent('state', 'y', 1000)).toBe(false);
    expect(await store.take('state')).toBe('x');
    expect(await store.take('state')).toBeUndefined();
  });

  it('drops the oldest entries past its size', async () => {
    const store = new MemoryStore(2);
    await store.set('a', '1', 1000);
    await store.set('b', '2', 1000);
    await store.set('c', '3', 1000);
    expect([await store.get('a'), await store.get('b'), await store.get('c')]).toEqual([undefined, '2', '3']);
  });

  it('runs work under one key one at a time, in order, even when one fails', async () => {
    const store = new MemoryStore();
    const order: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const first = store.withLock('k', 1000, async () => {
      order.push('first start');
      await gate;
      order.push('first end');
      throw new Error('first failed');
    });
    const second = store.withLock('k', 1000, async () => {
      order.push('second');
      return 2;
    });
    release();
    await expect(first).rejects.toThrow('first failed');
    expect(await second).toBe(2);
    expect(order).toEqual(['first start', 'first end', 'second']);
  });
});
