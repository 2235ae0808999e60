import { describe, expect, it } from 'vitest';
import { ownTurn, sliceOfBurst } from '../../src/concurrency/turns.js';

/** Stands for heavy synchronous work (a large JSON.parse): holds the thread for `ms`. */
function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

describe('ownTurn', () => {
  it('lets one waiter through per event-loop turn, so a due timer runs between two heavy pieces', async () => {
    const events: string[] = [];
    setTimeout(() => events.push('timer'), 5);
    const heavy = (name: string) =>
      ownTurn().then(() => {
        events.push(name);
        busy(20);
      });
    // Asked for in the same tick, as when two large answers arrive in one poll phase.
    await Promise.all([heavy('a'), heavy('b'), heavy('c')]);
    expect(events).toEqual(['a', 'timer', 'b', 'c']);
  });

  it('keeps the order waiters asked in', async () => {
    const order: number[] = [];
    await Promise.all([1, 2, 3, 4].map((n) => ownTurn().then(() => order.push(n))));
    expect(order).toEqual([1, 2, 3, 4]);
  });
});

describe('sliceOfBurst', () => {
  it('answers a burst at most 32 per event-loop turn, in order, so I/O is read between slices', async () => {
    const released: number[] = [];
    const all = Promise.all(Array.from({ length: 70 }, (_, n) => sliceOfBurst().then(() => released.push(n))));
    const seen: number[] = [];
    // A check-phase callback queued after the first slice's runs after it; each of ours sees one more slice.
    for (let turn = 0; turn < 3; turn++) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      seen.push(released.length);
    }
    await all;
    expect(seen).toEqual([32, 64, 70]);
    expect(released).toEqual(Array.from({ length: 70 }, (_, n) => n));
  });
});
