import { describe, expect, it } from 'vitest';
import { BodyBudget, type BodyTicket } from '../../src/partner-center/transport/large-bodies.js';

const MB = 1024 * 1024;

/** Every promise callback queued so far has run (the check phase comes after all microtasks). */
const settled = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A body of `bytes` read to the end (reserved as it was read), then asking to be admitted. */
function read(ticket: BodyTicket, bytes: number, signal?: AbortSignal): Promise<void> | undefined {
  expect(ticket.budget.reserve(bytes)).toBe(true);
  return ticket.admit(bytes, signal);
}

function track(promise: Promise<void> | undefined): { state: () => 'admitted' | 'waiting' | 'rejected'; reason: () => unknown } {
  if (promise === undefined) return { state: () => 'admitted', reason: () => undefined };
  let state: 'admitted' | 'waiting' | 'rejected' = 'waiting';
  let reason: unknown;
  promise.then(
    () => (state = 'admitted'),
    (error: unknown) => {
      state = 'rejected';
      reason = error;
    },
  );
  return { state: () => state, reason: () => reason };
}

describe('BodyBudget', () => {
  it('admits bodies at once while they fit, then makes the next wait until an execution closes its ticket', async () => {
    const budget = new BodyBudget(6 * MB, 64 * MB);
    const a = budget.ticket();
    const b = budget.ticket();
    const c = budget.ticket();
    expect(read(a, 3 * MB)).toBeUndefined();
    expect(read(b, 3 * MB)).toBeUndefined();
    const third = track(read(c, 3 * MB));
    await settled();
    expect(third.state()).toBe('waiting');
    expect(budget.stats()).toEqual({ admittedBytes: 6 * MB, readingBytes: 0, waitingBytes: 3 * MB, waiting: 1, waitedTotal: 1, rejectedTotal: 0 });

    a.close();
    await settled();
    expect(third.state()).toBe('admitted');
    expect(budget.stats()).toMatchObject({ admittedBytes: 6 * MB, waitingBytes: 0, waiting: 0 });
    b.close();
    c.close();
    expect(budget.stats()).toMatchObject({ admittedBytes: 0, readingBytes: 0 });
  });

  it('admits a body larger than the whole budget when nothing else is admitted', async () => {
    const budget = new BodyBudget(1 * MB, 64 * MB);
    const a = budget.ticket();
    expect(read(a, 5 * MB)).toBeUndefined();
    const second = track(read(budget.ticket(), 5 * MB));
    await settled();
    expect(second.state()).toBe('waiting');
    a.close();
    await settled();
    expect(second.state()).toBe('admitted');
  });

  it('never makes an execution that holds budget wait: its further bodies are admitted over budget', () => {
    const budget = new BodyBudget(4 * MB, 64 * MB);
    const a = budget.ticket();
    expect(read(a, 3 * MB)).toBeUndefined();
    expect(read(a, 3 * MB)).toBeUndefined();
    expect(read(a, 3 * MB)).toBeUndefined();
    expect(budget.stats().admittedBytes).toBe(9 * MB);
    a.close();
    expect(budget.stats().admittedBytes).toBe(0);
  });

  it('admits all waiting bodies of one execution together, so none of them holds budget while another waits', async () => {
    const budget = new BodyBudget(4 * MB, 64 * MB);
    const holder = budget.ticket();
    expect(read(holder, 4 * MB)).toBeUndefined();
    const fanOut = budget.ticket();
    const other = budget.ticket();
    const first = track(read(fanOut, 3 * MB));
    const third = track(read(other, 1 * MB));
    const second = track(read(fanOut, 3 * MB));
    await settled();
    expect([first.state(), second.state(), third.state()]).toEqual(['waiting', 'waiting', 'waiting']);

    holder.close();
    await settled();
    // In order: the fan-out's first body was at the head, and its second came with it (6 MB, over budget).
    expect([first.state(), second.state(), third.state()]).toEqual(['admitted', 'admitted', 'waiting']);
    expect(budget.stats()).toMatchObject({ admittedBytes: 6 * MB, waiting: 1 });
    fanOut.close();
    await settled();
    expect(third.state()).toBe('admitted');
  });

  it('serves waiters in order: a large body at the head is not overtaken by smaller ones behind it', async () => {
    const budget = new BodyBudget(4 * MB, 64 * MB);
    const holder = budget.ticket();
    expect(read(holder, 3 * MB)).toBeUndefined();
    const large = track(read(budget.ticket(), 4 * MB));
    const small = track(read(budget.ticket(), 1 * MB));
    await settled();
    expect([large.state(), small.state()]).toEqual(['waiting', 'waiting']);
    holder.close();
    await settled();
    expect([large.state(), small.state()]).toEqual(['admitted', 'waiting']);
  });

  it('stops waiting when the signal aborts, with its reason, and lets the next waiter through', async () => {
    const budget = new BodyBudget(4 * MB, 64 * MB);
    const holder = budget.ticket();
    expect(read(holder, 3 * MB)).toBeUndefined();
    const controller = new AbortController();
    const gone = track(read(budget.ticket(), 4 * MB, controller.signal));
    const next = track(read(budget.ticket(), 1 * MB));
    await settled();
    controller.abort(new Error('caller went away'));
    await settled();
    expect(gone.state()).toBe('rejected');
    expect((gone.reason() as Error).message).toBe('caller went away');
    expect(next.state()).toBe('admitted');
    expect(budget.stats()).toMatchObject({ admittedBytes: 4 * MB, readingBytes: 0, waitingBytes: 0, waiting: 0 });
  });

  it('refuses to count more bytes being read once those read or waiting would pass the queue limit', async () => {
    const budget = new BodyBudget(1 * MB, 3 * MB);
    expect(read(budget.ticket(), 1 * MB)).toBeUndefined(); // admitted: no longer queued
    const waiting = track(read(budget.ticket(), 2 * MB));
    expect(budget.reserve(512 * 1024)).toBe(true); // a third body, being read
    expect(budget.reserve(1 * MB)).toBe(false); // its next chunk would make 3.5 MB read or waiting
    expect(budget.stats()).toMatchObject({ readingBytes: 512 * 1024, waitingBytes: 2 * MB, waitedTotal: 1, rejectedTotal: 1 });
    budget.unreserve(512 * 1024); // its read stopped
    await settled();
    expect(waiting.state()).toBe('waiting');
    expect(budget.stats()).toMatchObject({ readingBytes: 0, waitingBytes: 2 * MB });
  });

  it('releases what a ticket held when it closes (the execution answered, or its deadline fired)', async () => {
    const budget = new BodyBudget(2 * MB, 64 * MB);
    const ticket = budget.ticket();
    expect(read(ticket, 2 * MB)).toBeUndefined();
    const next = track(read(budget.ticket(), 2 * MB));
    ticket.close();
    ticket.close(); // twice (answered, then the deadline timer's abort) releases once
    await settled();
    expect(ticket.closed).toBe(true);
    expect(next.state()).toBe('admitted');
    expect(budget.stats().admittedBytes).toBe(2 * MB);
  });

  it('lets a closed execution\'s waiting bodies through uncounted: a shared call still finishes for the others', async () => {
    const budget = new BodyBudget(2 * MB, 64 * MB);
    const holder = budget.ticket();
    expect(read(holder, 2 * MB)).toBeUndefined();
    const ended = budget.ticket();
    const shared = track(read(ended, 2 * MB));
    await settled();
    ended.close();
    await settled();
    expect(shared.state()).toBe('admitted');
    expect(read(ended, 2 * MB)).toBeUndefined();
    expect(budget.stats()).toMatchObject({ admittedBytes: 2 * MB, readingBytes: 0, waitingBytes: 0, waiting: 0 });
  });
});
