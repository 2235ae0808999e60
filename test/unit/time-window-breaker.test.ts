import { CircuitState, SamplingBreaker } from 'cockatiel';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TimeWindowBreaker } from '../../src/partner-center/transport/time-window-breaker.js';

/** The gateway's defaults: 50 % of at least 20 attempts within 10 s. */
const DEFAULTS = { failureRate: 0.5, minCalls: 20, windowMs: 10_000 };

/** 8 s of healthy traffic (50 calls a second), then 12 s idle: the pattern of issue 13, defect 4. */
function healthyThenIdle(record: (success: boolean) => void, setNow: (ms: number) => void): number {
  let now = 1_000_000;
  for (let i = 0; i < 400; i += 1) {
    setNow(now);
    record(true);
    now += 20;
  }
  return now + 12_000;
}

/** 45 timeouts in a row, 10 ms apart; the 1-based number of the one that opened the circuit, or undefined. */
function burst(failure: () => boolean, setNow: (ms: number) => void, start: number): number | undefined {
  for (let i = 1; i <= 45; i += 1) {
    setNow(start + i * 10);
    if (failure()) return i;
  }
  return undefined;
}

describe('TimeWindowBreaker', () => {
  afterEach(() => vi.useRealTimers());

  it('opens on a burst of timeouts after healthy traffic and an idle spell, as a fresh one does', () => {
    let now = 0;
    const breaker = new TimeWindowBreaker({ ...DEFAULTS, now: () => now });
    const start = healthyThenIdle(() => breaker.success(CircuitState.Closed), (ms) => (now = ms));
    expect(burst(() => breaker.failure(CircuitState.Closed), (ms) => (now = ms), start)).toBe(20);

    const fresh = new TimeWindowBreaker({ ...DEFAULTS, now: () => now });
    expect(burst(() => fresh.failure(CircuitState.Closed), (ms) => (now = ms), start)).toBe(20);
  });

  it('reproduces the defect with cockatiel SamplingBreaker (its slots age only as calls arrive)', () => {
    vi.useFakeTimers();
    const sampling = new SamplingBreaker({ threshold: 0.5, duration: 10_000, minimumRps: 2 });
    const setNow = (ms: number) => vi.setSystemTime(ms);
    const start = healthyThenIdle(() => sampling.success(CircuitState.Closed), setNow);
    expect(burst(() => sampling.failure(CircuitState.Closed), setNow, start)).toBeUndefined();
  });

  it('counts only the attempts of the last window, bucket by bucket', () => {
    let now = 50_000;
    const breaker = new TimeWindowBreaker({ ...DEFAULTS, now: () => now });
    for (let i = 0; i < 30; i += 1) breaker.success(CircuitState.Closed);
    expect(breaker.counts()).toEqual({ successes: 30, failures: 0 });
    now += 9_999; // still inside: the bucket of 50 000 is in the window of 59 999
    expect(breaker.counts()).toEqual({ successes: 30, failures: 0 });
    now += 1;
    expect(breaker.counts()).toEqual({ successes: 0, failures: 0 });
  });

  it('keeps the circuit closed below the rate or below the minimum of attempts', () => {
    let now = 0;
    const breaker = new TimeWindowBreaker({ ...DEFAULTS, now: () => now });
    for (let i = 0; i < 19; i += 1) expect(breaker.failure(CircuitState.Closed)).toBe(i + 1 >= 20);
    now = 20_000;
    for (let i = 0; i < 20; i += 1) breaker.success(CircuitState.Closed);
    for (let i = 0; i < 19; i += 1) expect(breaker.failure(CircuitState.Closed)).toBe(false);
    expect(breaker.failure(CircuitState.Closed)).toBe(true); // 20 of 40
  });

  it('opens again on a failed probe and starts afresh after a successful one', () => {
    let now = 0;
    const breaker = new TimeWindowBreaker({ ...DEFAULTS, now: () => now });
    expect(breaker.failure(CircuitState.HalfOpen)).toBe(true);
    for (let i = 0; i < 19; i += 1) breaker.failure(CircuitState.Closed);
    breaker.success(CircuitState.HalfOpen);
    expect(breaker.counts()).toEqual({ successes: 1, failures: 0 });
  });

  it('refuses a rate outside (0, 1]', () => {
    expect(() => new TimeWindowBreaker({ ...DEFAULTS, failureRate: 0 })).toThrow(RangeError);
    expect(() => new TimeWindowBreaker({ ...DEFAULTS, failureRate: 1 })).not.toThrow();
  });
});
