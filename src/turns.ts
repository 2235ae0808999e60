/**
 * Heavy synchronous work (parsing a multi-megabyte upstream body, executing a 2,000-order selection) takes
 * turns: each waiter is let through in an event-loop turn of its own, one per turn, so timers and I/O run
 * between two heavy pieces instead of after all of them. Without it, several large answers that arrive in
 * the same poll phase run back to back and the event loop stalls for their sum (BENCHMARKS.md).
 *
 * Only large work should wait here: every waiter costs at least one event-loop turn of latency.
 */
const waiting: Array<() => void> = [];
let scheduled = false;

function next(): void {
  scheduled = false;
  const resolve = waiting.shift();
  // Queued from the check phase, the next one runs in the next loop iteration, after timers and I/O.
  if (waiting.length > 0) schedule();
  resolve?.();
}

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  setImmediate(next);
}

/** Resolves in an event-loop turn of its own; at most one waiter is released per turn. */
export function ownTurn(): Promise<void> {
  return new Promise<void>((resolve) => {
    waiting.push(resolve);
    schedule();
  });
}
