import { describe, expect, it } from 'vitest';
import type { Dispatcher } from 'undici';
import { CallHandler, type Answer, type Reading } from '../../src/partner-center/transport/call-handler.js';

/** A handler driven as undici's dispatcher drives it, with a controller that records its aborts. */
function drive(reading: Reading = { started: () => 1024 }, signal?: AbortSignal) {
  let settled: { answer?: Answer; error?: unknown } | undefined;
  const aborts: unknown[] = [];
  const controller = { abort: (reason: unknown) => void aborts.push(reason) } as unknown as Dispatcher.DispatchController;
  const handler = new CallHandler(signal, reading, (answer) => (settled = { answer }), (error) => (settled = { error }));
  handler.onRequestStart(controller);
  return {
    handler,
    controller,
    aborts,
    settled: () => settled,
    answer: (status: number, ...chunks: Buffer[]) => {
      handler.onResponseStart(controller, status, { 'content-type': 'application/json' });
      for (const chunk of chunks) handler.onResponseData(controller, chunk);
      handler.onResponseEnd(controller, {});
      return settled;
    },
  };
}

describe('CallHandler', () => {
  it('keeps a multi-byte character split between two chunks whole', () => {
    const bytes = Buffer.from('{"currencySymbol":"€"}');
    const at = bytes.indexOf(0xe2) + 1; // inside the three bytes of €
    const answer = drive().answer(200, bytes.subarray(0, at), bytes.subarray(at))?.answer;
    expect(answer?.statusCode).toBe(200);
    expect((answer?.bytes as Buffer).toString('utf8')).toBe('{"currencySymbol":"€"}');
  });

  it('gives up past the limit the status set, and aborts the request', () => {
    const limits: number[] = [];
    const call = drive({ started: (status) => (limits.push(status), status === 200 ? 1000 : 100) });
    expect(call.answer(200, Buffer.alloc(600, 0x61), Buffer.alloc(600, 0x61))?.answer?.bytes).toBeUndefined();
    expect(limits).toEqual([200]);
    expect(call.aborts).toHaveLength(1);
    expect(drive({ started: (status) => (status === 200 ? 1000 : 100) }).answer(500, Buffer.alloc(101, 0x61))?.answer?.bytes).toBeUndefined();
  });

  it('says refused and aborts the request when `more` says stop', () => {
    const sizes: number[] = [];
    const call = drive({ started: () => 1000, more: (size) => (sizes.push(size), size < 150) });
    expect(call.answer(200, Buffer.alloc(100, 0x61), Buffer.alloc(100, 0x61), Buffer.alloc(100, 0x61))?.answer?.bytes).toBe('refused');
    expect(sizes).toEqual([100, 200]);
    expect(call.aborts).toHaveLength(1);
  });

  it("rejects with undici's error (a body timeout), and ignores what comes after it settled", () => {
    const call = drive();
    call.handler.onResponseStart(call.controller, 200, {});
    call.handler.onResponseData(call.controller, Buffer.from('{"par'));
    const timeout = Object.assign(new Error('Body Timeout Error'), { code: 'UND_ERR_BODY_TIMEOUT' });
    call.handler.onResponseError(call.controller, timeout);
    call.handler.onResponseEnd(call.controller, {});
    expect(call.settled()).toEqual({ error: timeout });
  });

  it('aborts with the signal\'s reason, also when the signal fired before the request started', () => {
    const running = new AbortController();
    const call = drive(undefined, running.signal);
    running.abort(new DOMException('The request deadline passed', 'TimeoutError'));
    expect(call.aborts).toEqual([running.signal.reason]);
    const early = new AbortController();
    early.abort(new Error('caller left'));
    expect(drive(undefined, early.signal).aborts).toEqual([early.signal.reason]);
  });

  it('stops listening to the signal once the answer is read', () => {
    const controller = new AbortController();
    const call = drive(undefined, controller.signal);
    call.answer(200, Buffer.from('{}'));
    controller.abort(new Error('too late'));
    expect(call.aborts).toEqual([]);
  });

  it('reads an empty body as an empty buffer', () => {
    expect((drive().answer(204)?.answer?.bytes as Buffer).length).toBe(0);
  });
});
