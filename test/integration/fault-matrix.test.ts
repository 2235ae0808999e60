import { beforeAll, describe, expect, it } from 'vitest';
import type { FaultRule } from '../../src/simulator/faults.js';
import { SEED_000_CUSTOMER_ID, SEED_004_CUSTOMER_ID } from '../../src/simulator/constants.js';
import { withGateway } from '../support/gateway.js';
import { useGateway } from '../support/shared-gateway.js';

/**
 * Every upstream fault × every query shape: the exact data kept, the code of the one error, and the
 * upstream calls it cost (transient faults are retried UPSTREAM_RETRIES = 2 times).
 */
type Fault = FaultRule['fault'];
const FAULTS: [string, Fault, string, number][] = [
  ['500 standard fault', { kind: 'status', status: 500, shape: 'standard', code: 800003 }, 'UPSTREAM_ERROR', 3],
  ['503 customer-service fault', { kind: 'status', status: 503, shape: 'customer-service', code: 600074 }, 'UPSTREAM_ERROR', 3],
  ['429 over the wait cap', { kind: 'status', status: 429, retryAfterSeconds: 60 }, 'THROTTLED', 1],
  ['connection reset', { kind: 'reset' }, 'UPSTREAM_ERROR', 3],
  ['hanging response', { kind: 'hang' }, 'UPSTREAM_TIMEOUT', 3],
  ['truncated JSON', { kind: 'malformed-json' }, 'UPSTREAM_ERROR', 1],
  ['HTML instead of JSON', { kind: 'content-type', contentType: 'text/html', body: '<html></html>' }, 'UPSTREAM_ERROR', 1],
  ['403 no relationship', { kind: 'status', status: 403, shape: 'standard', code: 20002 }, 'FORBIDDEN', 1],
];

const A = SEED_004_CUSTOMER_ID;
const B = SEED_000_CUSTOMER_ID;
// The timeout is what ends a hanging call, and must never end a healthy one on a busy machine: undici checks
// it on a half-second tick anyway, so 500 ms costs the hanging rows no more than 100 would.
const gw = useGateway({ env: { UPSTREAM_TIMEOUT_MS: '500', UPSTREAM_RETRY_BASE_DELAY_MS: '1', UPSTREAM_BREAKER_MIN_CALLS: '1000000' } }, { clearFaults: true });
let name: (id: string) => string;
beforeAll(() => {
  name = (id) => gw.sim.data.findCustomer(id)!.customer.companyProfile.companyName;
});

const codes = (errors: { extensions?: Record<string, unknown> }[] | undefined) => (errors ?? []).map((e) => e.extensions!.code);

describe.each(FAULTS)('%s', (_, fault, code, attempts) => {
  const decides = code === 'FORBIDDEN'; // an existence answer nulls the customer itself

  it('single customer', async () => {
    gw.sim.inject({ match: { customerId: A }, fault });
    const { body } = await gw.query(`{ customer(id: "${A}") { id companyProfile { companyName } } }`);
    expect(body.data).toEqual({ customer: decides ? null : { id: A, companyProfile: null } });
    expect(codes(body.errors)).toEqual([code]);
    expect(gw.upstream()).toHaveLength(attempts);
  });

  it('many customers, one failing', async () => {
    gw.sim.inject({ match: { customerId: B }, fault });
    const { body } = await gw.query(`{ customers(ids: ["${A}", "${B}", "${A}"]) { id companyProfile { companyName } } }`);
    const ok = { id: A, companyProfile: { companyName: name(A) } };
    expect(body.data).toEqual({ customers: [ok, decides ? null : { id: B, companyProfile: null }, ok] });
    expect(codes(body.errors)).toEqual([code]);
    expect(gw.upstream()).toHaveLength(1 + attempts);
  });

  it('nested fields: the order list fails, the profile stays', async () => {
    gw.sim.inject({ match: { customerId: A, route: 'orders' }, fault });
    const { body } = await gw.query(`{ customer(id: "${A}") { companyProfile { companyName } orders { id lineItems { offerId } } } }`);
    expect(body.data).toEqual({ customer: decides ? null : { companyProfile: { companyName: name(A) }, orders: null } });
    expect(codes(body.errors)).toEqual([code]);
    expect(gw.upstream()).toHaveLength(1 + attempts);
  });
});

describe('added latency (no failure: every shape keeps all its data, one call each)', () => {
  it.each([
    ['single customer', `{ customer(id: "${A}") { id companyProfile { companyName } } }`, 1],
    ['many customers', `{ customers(ids: ["${A}", "${B}"]) { id companyProfile { companyName } } }`, 2],
    ['nested fields', `{ customer(id: "${A}") { companyProfile { companyName } orders { id } } }`, 2],
  ])('%s', async (_, query, calls) => {
    gw.sim.inject({ fault: { kind: 'latency', ms: 30 } });
    const { body } = await gw.query(query);
    expect(body.errors).toBeUndefined();
    expect(JSON.stringify(body.data)).not.toContain('null');
    expect(gw.upstream()).toHaveLength(calls);
  });
});

describe("the simulator's token bucket (Partner Center's 500 a minute, here 1)", () => {
  it('throttles the second call of a family per customer: THROTTLED with retryAfter, the rest kept', async () => {
    await withGateway({ simulator: { rateLimit: { perMinute: 1 } } }, async (limited) => {
      // First call of each bucket passes; the same customer's profile again is throttled (Retry-After 60 > cap).
      const first = await limited.query(`{ customer(id: "${A}") { companyProfile { companyName } orders { id } } }`);
      expect(first.body.errors).toBeUndefined();
      const second = await limited.query(`{ customers(ids: ["${A}", "${B}"]) { id companyProfile { companyName } } }`);
      expect(second.body.data).toEqual({ customers: [{ id: A, companyProfile: null }, { id: B, companyProfile: { companyName: name(B) } }] });
      expect(second.body.errors!.map((e) => [e.path, e.extensions!.code, e.extensions!.retryAfter])).toEqual([[['customers', 0, 'companyProfile'], 'THROTTLED', 60]]);
    });
  });
});
