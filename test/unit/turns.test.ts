import { describe, expect, it } from 'vitest';
import { ownTurn } from '../../src/turns.js';

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
