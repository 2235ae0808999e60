import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/observability/logger.js';
import type { CallContext, GetJson, UpstreamResponse } from '../../src/partner-center/transport/http.js';
import { withSingleFlight } from '../../src/partner-center/transport/single-flight.js';
import { UpstreamError } from '../../src/partner-center/transport/upstream-error.js';

const logger = createLogger({ level: 'silent' });
const target = { route: '/v1/customers/{id}', path: '/v1/customers/abc' };

/** A transport whose answers the test releases by hand, recording every call and its signal. */
function fakeTransport() {
  const calls: { call: CallContext; release: (value: UpstreamResponse) => void }[] = [];
  const getJson: GetJson = (call) => new Promise((resolve) => calls.push({ call, release: resolve }));
  return { getJson, calls };
}

const caller = (authorization: string, signal?: AbortSignal): CallContext => ({
  authorization,
  correlationId: 'c',
  logger,
  ...(signal ? { signal } : {}),
});
const answer = { body: { id: 'abc' }, status: 200, requestId: 'r' };

describe('single-flight', () => {
  it('shares one call between concurrent identical GETs of one caller, and forgets it once answered', async () => {
    const fake = fakeTransport();
    const shared = withSingleFlight(fake.getJson);
    const first = shared(caller('Bearer a'), target);
    const second = shared(caller('Bearer a'), target);
    expect(fake.calls).toHaveLength(1);
    fake.calls[0]!.release(answer);
    expect(await Promise.all([first, second])).toEqual([answer, answer]);
    expect(shared.inFlight()).toBe(0);
    void shared(caller('Bearer a'), target);
    expect(fake.calls).toHaveLength(2);
  });

  it('never shares between callers with different Authorization, or different resources', () => {
    const fake = fakeTransport();
    const shared = withSingleFlight(fake.getJson);
    void shared(caller('Bearer a'), target);
    void shared(caller('Bearer b'), target);
    void shared(caller('Bearer a'), { ...target, query: { billingType: 'Monthly' } });
    void shared(caller('Bearer a'), { ...target, headers: { 'ms-continuationtoken': 't' } });
    expect(fake.calls.map((c) => c.call.authorization)).toEqual(['Bearer a', 'Bearer b', 'Bearer a', 'Bearer a']);
  });

  it('never shares between locales: X-Locale changes the localized strings of the answer', () => {
    const fake = fakeTransport();
    const shared = withSingleFlight(fake.getJson);
    void shared({ ...caller('Bearer a'), locale: 'de-DE' }, target);
    void shared({ ...caller('Bearer a'), locale: 'fr-FR' }, target);
    void shared({ ...caller('Bearer a'), locale: 'de-DE' }, target);
    expect(fake.calls.map((c) => c.call.locale)).toEqual(['de-DE', 'fr-FR']);
  });

  it('keeps the call going while anyone waits, and cancels it when the last waiter leaves', async () => {
    const fake = fakeTransport();
    const shared = withSingleFlight(fake.getJson);
    const leaving = new AbortController();
    const staying = new AbortController();
    const first = shared(caller('Bearer a', leaving.signal), target);
    const second = shared(caller('Bearer a', staying.signal), target);
    leaving.abort();
    await expect(first).rejects.toMatchObject({ kind: 'aborted' });
    expect(fake.calls[0]!.call.signal!.aborted).toBe(false);
    fake.calls[0]!.release(answer);
    expect(await second).toEqual(answer);

    const third = new AbortController();
    const last = shared(caller('Bearer a', third.signal), target);
    third.abort(new DOMException('deadline', 'TimeoutError'));
    const error = await last.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect((error as UpstreamError).kind).toBe('timeout');
    expect(fake.calls[1]!.call.signal!.aborted).toBe(true);
  });

  it('a request asking after the last waiter left gets a call of its own, even before the cancelled one settles', async () => {
    // The fake transport ignores the abort, so the cancelled call is still pending when the next request asks.
    const fake = fakeTransport();
    const shared = withSingleFlight(fake.getJson);
    const leaving = new AbortController();
    const first = shared(caller('Bearer a', leaving.signal), target);
    leaving.abort();
    await expect(first).rejects.toMatchObject({ kind: 'aborted' });
    const next = shared(caller('Bearer a'), target);
    expect(fake.calls).toHaveLength(2);
    expect(fake.calls[1]!.call.signal!.aborted).toBe(false);
    fake.calls[0]!.release(answer); // the cancelled call settling late must not unlist the new one
    await new Promise((resolve) => setImmediate(resolve));
    expect(shared.inFlight()).toBe(1);
    fake.calls[1]!.release(answer);
    expect(await next).toEqual(answer);
    expect(shared.inFlight()).toBe(0);
  });

  it('lets retries (which carry their MS-RequestId) through unshared', () => {
    const fake = fakeTransport();
    const shared = withSingleFlight(fake.getJson);
    void shared(caller('Bearer a'), target);
    void shared(caller('Bearer a'), target, { requestId: 'same' });
    expect(fake.calls).toHaveLength(2);
  });
});
