import { describe, expect, it } from 'vitest';
import { rejectSuccessFault } from '../../src/partner-center/client/success-faults.js';

const target = { route: '/v1/products/{productId}', path: '/v1/products/X' };
const answer = (body: unknown) => ({ body, status: 200, requestId: 'r' });

describe('a fault in a 2xx body (error-codes.md: 400072 with HTTP 200)', () => {
  it('is the fault, mapped by its code, keeping code, description and the 200', () => {
    const fault = () => rejectSuccessFault(answer({ code: 400072, description: "This item isn't available.", data: [], source: 'PartnerFD' }), target);
    expect(fault).toThrow(expect.objectContaining({ kind: 'not-found', status: 200, partnerCenterCode: '400072', description: "This item isn't available." }));
  });

  it('maps other documented codes like their status, and unknown ones to an upstream error', () => {
    expect(() => rejectSuccessFault(answer({ code: '20002', description: 'No relationship' }), target)).toThrow(expect.objectContaining({ kind: 'forbidden' }));
    expect(() => rejectSuccessFault(answer({ code: 123, message: 'x', errorName: 'Odd', isRetryable: false }), target)).toThrow(expect.objectContaining({ kind: 'bad-request', partnerCenterCode: '123' }));
  });

  it('leaves resources and collections alone, even ones with a `code` property', () => {
    for (const body of [{ id: 'X', code: 1, description: 'a product' }, { items: [], code: 2, description: 'x' }, { title: 'no code' }, [], null, 'text']) {
      expect(() => rejectSuccessFault(answer(body), target)).not.toThrow();
    }
  });
});
