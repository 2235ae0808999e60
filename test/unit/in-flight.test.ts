import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { InFlight, type Flight } from '../../src/concurrency/in-flight.js';

/** Work the test settles by hand. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

/** Keeps a value only when someone joined the flight and it is not 'no' (as operation single-flight keeps error-free results). */
const keep = (flight: Flight<string>, value: string) => flight.joins > 0 && value !== 'no';

describe('InFlight with linger', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('keeps a joined flight\'s result listed for linger.ms after it settled, then starts afresh', async () => {
    const flights = new InFlight<string>({ ms: 1000, max: 10, keep });
    const work = deferred<string>();
    const start = vi.fn(() => work.promise);
    const first = flights.join('k', start);
    expect(flights.join('k', start)).toEqual({ flight: first.flight, joined: true });
    work.resolve('v');
    await first.flight.result;
    expect([flights.size, flights.lingering, first.flight.settled]).toEqual([1, 1, true]);

    await vi.advanceTimersByTimeAsync(999);
    const late = flights.join('k', start);
    expect(late).toEqual({ flight: first.flight, joined: true });
    expect(await late.flight.result).toBe('v');
    expect(start).toHaveBeenCalledTimes(1);

    await vi.advanceTimersByTimeAsync(1);
    expect([flights.size, flights.lingering]).toEqual([0, 0]);
    const again = flights.join('k', () => 'w');
    expect(again.joined).toBe(false);
    expect(await again.flight.result).toBe('w');
  });

  it('unlists at once what keep() refuses: a flight nobody joined, or a value it does not keep', async () => {
    const flights = new InFlight<string>({ ms: 1000, max: 10, keep });
    const alone = flights.join('alone', () => 'v');
    await alone.flight.result;
    const refused = flights.join('refused', () => 'no');
    flights.join('refused', () => 'unused');
    await refused.flight.result;
    expect([flights.size, flights.lingering]).toEqual([0, 0]);
  });

  it('never keeps a failure or cancelled work', async () => {
    const flights = new InFlight<string>({ ms: 1000, max: 10, keep });
    const failing = flights.join('fails', () => Promise.reject(new Error('boom')));
    flights.join('fails', () => 'unused');
    await expect(failing.flight.result).rejects.toThrow('boom');

    const work = deferred<string>();
    const cancelled = flights.join('cancelled', () => work.promise);
    flights.join('cancelled', () => 'unused');
    const left = () => Promise.resolve('left');
    const controller = new AbortController();
    const waiting = flights.wait(cancelled.flight, controller.signal, left);
    controller.abort(); // the only waiter leaves: the work is cancelled and unlisted
    expect(await waiting).toBe('left');
    work.resolve('too late');
    await cancelled.flight.result;
    expect([flights.size, flights.lingering]).toEqual([0, 0]);
  });

  it('keeps at most linger.max results: the oldest is unlisted first', async () => {
    const flights = new InFlight<string>({ ms: 60_000, max: 2, keep });
    for (const key of ['a', 'b', 'c']) {
      const { flight } = flights.join(key, () => key);
      flights.join(key, () => 'unused');
      await flight.result;
    }
    expect(flights.lingering).toBe(2);
    expect(flights.join('a', () => 'a2').joined).toBe(false);
    expect(flights.join('b', () => 'unused').joined).toBe(true);
    expect(flights.join('c', () => 'unused').joined).toBe(true);
  });

  it('without linger options nothing outlives its work', async () => {
    const flights = new InFlight<string>();
    const { flight } = flights.join('k', () => 'v');
    flights.join('k', () => 'unused');
    await flight.result;
    expect(flights.size).toBe(0);
  });
});
