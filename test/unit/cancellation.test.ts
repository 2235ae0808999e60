import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { asAbortSignal, Cancellation } from '../../src/concurrency/cancellation.js';

describe('Cancellation', () => {
  it('fires abort once, with its reason, to listeners added before it', () => {
    const cancellation = new Cancellation();
    const heard: unknown[] = [];
    cancellation.addEventListener('abort', () => heard.push(cancellation.reason), { once: true });
    expect(cancellation.aborted).toBe(false);
    expect(() => cancellation.throwIfAborted()).not.toThrow();
    const reason = new DOMException('The request deadline passed', 'TimeoutError');
    cancellation.abort(reason);
    cancellation.abort(new Error('again'));
    expect(heard).toEqual([reason]);
    expect(cancellation.aborted).toBe(true);
    expect(() => cancellation.throwIfAborted()).toThrow(reason);
  });

  it('gives an AbortError DOMException when aborted without a reason', () => {
    const cancellation = new Cancellation();
    cancellation.abort();
    expect(cancellation.reason).toBeInstanceOf(DOMException);
    expect((cancellation.reason as DOMException).name).toBe('AbortError');
  });

  it('takes any number of listeners without a leak warning', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.name);
    process.on('warning', onWarning);
    const cancellation = new Cancellation();
    for (let i = 0; i < 30; i++) cancellation.addEventListener('abort', () => undefined);
    await new Promise((resolve) => setImmediate(resolve));
    process.off('warning', onWarning);
    expect(warnings).toEqual([]);
  });

  it("cancels node:timers/promises' sleep as an AbortSignal would", async () => {
    const cancellation = new Cancellation();
    const sleeping = sleep(60_000, undefined, { signal: asAbortSignal(cancellation) });
    const reason = new Error('caller left');
    cancellation.abort(reason);
    await expect(sleeping).rejects.toMatchObject({ name: 'AbortError', cause: reason });
  });
});
