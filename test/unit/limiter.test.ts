import { describe, expect, it } from 'vitest';
import { Limiter } from '../../src/concurrency/limiter.js';

/** Work the test settles by hand. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('Limiter', () => {
  it('runs at most `limit` tasks at once and starts the waiting ones first in, first out', async () => {
    const limiter = new Limiter(2);
    const work = [0, 1, 2, 3, 4].map(() => deferred<number>());
    const started: number[] = [];
    const results = work.map((d, n) =>
      limiter.run(() => {
        started.push(n);
        return d.promise;
      }),
    );
    expect(started).toEqual([0, 1]);
    expect([limiter.active, limiter.queued]).toEqual([2, 3]);

    work[1]!.resolve(1);
    await results[1];
    await Promise.resolve();
    expect(started).toEqual([0, 1, 2]);

    work[0]!.resolve(0);
    work[2]!.resolve(2);
    await Promise.all([results[0], results[2]]);
    await Promise.resolve();
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect([limiter.active, limiter.queued]).toEqual([2, 0]);

    work[3]!.resolve(3);
    work[4]!.resolve(4);
    expect(await Promise.all(results)).toEqual([0, 1, 2, 3, 4]);
    await Promise.resolve();
    expect([limiter.active, limiter.queued]).toEqual([0, 0]);
  });

  it("hands each caller its own task's rejection, and a failed task frees its slot", async () => {
    const limiter = new Limiter(1);
    const failing = limiter.run(() => Promise.reject(new Error('upstream down')));
    const thrown = limiter.run(() => {
      throw new Error('thrown before any promise');
    });
    const after = limiter.run(async () => 'ran');
    await expect(failing).rejects.toThrow('upstream down');
    await expect(thrown).rejects.toThrow('thrown before any promise');
    expect(await after).toBe('ran');
    await Promise.resolve();
    expect(limiter.active).toBe(0);
  });

  it('starts a task under the limit at once, in the caller’s tick', () => {
    const limiter = new Limiter(1);
    let started = false;
    void limiter.run(async () => {
      started = true;
    });
    expect(started).toBe(true);
  });

  it('keeps order over many queued tasks', async () => {
    const limiter = new Limiter(1);
    const order: number[] = [];
    await Promise.all(Array.from({ length: 300 }, (_, n) => limiter.run(async () => void order.push(n))));
    expect(order).toEqual(Array.from({ length: 300 }, (_, n) => n));
  });
});
