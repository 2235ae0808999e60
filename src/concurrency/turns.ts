/**
 * Waiters let through a few per event-loop turn, each kind in its own queue. Queued from the check phase, the
 * next batch runs in the next loop iteration, after timers and I/O: so timers fire and new requests are read
 * between batches instead of after all of them.
 */
function turnQueue(perTurn: number): () => Promise<void> {
  const waiting: Array<() => void> = [];
  let scheduled = false;
  const next = (): void => {
    scheduled = false;
    const batch = waiting.splice(0, perTurn);
    if (waiting.length > 0) schedule();
    for (const resolve of batch) resolve();
  };
  const schedule = (): void => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(next);
  };
  return () =>
    new Promise<void>((resolve) => {
      waiting.push(resolve);
      schedule();
    });
}

/**
 * Heavy synchronous work (parsing a multi-megabyte upstream body, executing a 2,000-order selection) takes
 * turns: each waiter is let through in an event-loop turn of its own, one per turn, in order. Without it,
 * several large answers that arrive in the same poll phase run back to back and the event loop stalls for
 * their sum (BENCHMARKS.md). Only large work should wait here: every waiter costs at least one turn of latency.
 */
export const ownTurn = turnQueue(1);

/**
 * Light work that arrives in a burst (one shared execution's result handed to hundreds of waiting requests,
 * each then serialized and written) goes at most 32 pieces per turn, in order, so new requests are read (and a
 * new shared execution starts its upstream call) between slices rather than after the whole burst (BENCHMARKS.md).
 */
export const sliceOfBurst = turnQueue(32);
