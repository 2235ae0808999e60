import { describe, expect, it } from 'vitest';
import { DEFAULT_PARTNER_ID, OTHER_PARTNER_ID, SEED_004_CUSTOMER_ID } from '../../src/simulator/constants.js';
import { withGateway } from '../support/gateway.js';
import { gate, logged } from '../support/waiting.js';

const JOINED = 'sharing an upstream call in flight';

const QUERY = `{ customer(id: "${SEED_004_CUSTOMER_ID}") { companyProfile { companyName } } }`;

// These tests are about the upstream layer: operation single-flight (operation-single-flight.test.ts), which
// would share these identical operations before they reach it, is off.
const UPSTREAM_ONLY = { OPERATION_SINGLE_FLIGHT: 'false' };

describe('cross-request single-flight', () => {
  it('a hot customer: 20 concurrent requests of one caller cost one upstream call, each with its own correlation id', async () => {
    await withGateway({ env: UPSTREAM_ONLY }, async (gw) => {
      // The first call waits at a gate until the other 19 requests have joined it.
      const open = gate(gw, { customerId: SEED_004_CUSTOMER_ID }, 1);
      const first = gw.query(QUERY);
      await gw.sim.waitForRequests(1);
      const rest = Array.from({ length: 19 }, () => gw.query(QUERY));
      await logged(gw, JOINED, 19);
      open();
      const responses = await Promise.all([first, ...rest]);
      const name = gw.sim.data.findCustomer(SEED_004_CUSTOMER_ID)!.customer.companyProfile.companyName;
      for (const response of responses) expect(response.body).toEqual({ data: { customer: { companyProfile: { companyName: name } } } });
      expect(new Set(responses.map((r) => r.headers['ms-correlationid'])).size).toBe(20);
      expect(gw.upstream()).toHaveLength(1);
    });
  });

  it('UPSTREAM_SINGLE_FLIGHT=false: the same 20 requests make 20 calls', async () => {
    // Nothing is shared, so no timing can make these calls fewer.
    await withGateway({ env: { ...UPSTREAM_ONLY, UPSTREAM_SINGLE_FLIGHT: 'false' } }, async (gw) => {
      const responses = await Promise.all(Array.from({ length: 20 }, () => gw.query(QUERY)));
      for (const response of responses) expect(response.body.errors).toBeUndefined();
      expect(gw.upstream()).toHaveLength(20);
    });
  });

  it('two callers asking at the same moment never share: each pays its own call and sees its own answer', async () => {
    const tokens = { 'token-a': DEFAULT_PARTNER_ID, 'token-b': OTHER_PARTNER_ID };
    await withGateway({ env: UPSTREAM_ONLY, simulator: { tokens } }, async (gw) => {
      const open = gate(gw, { customerId: SEED_004_CUSTOMER_ID }, 2);
      const pendingA1 = gw.query(QUERY, undefined, { authorization: 'Bearer token-a' });
      await gw.sim.waitForRequests(1);
      const pendingB = gw.query(QUERY, undefined, { authorization: 'Bearer token-b' });
      await gw.sim.waitForRequests(2); // b's own call, while a's is still in flight
      const pendingA2 = gw.query(QUERY, undefined, { authorization: 'Bearer token-a' });
      await logged(gw, JOINED, 1); // a2 joined a1's call
      open();
      const [a1, b, a2] = await Promise.all([pendingA1, pendingB, pendingA2]);
      expect(a1.body.errors).toBeUndefined();
      expect(a2.body).toEqual(a1.body);
      expect(b.body.data).toEqual({ customer: null });
      expect(b.body.errors!.map((e) => e.extensions!.code)).toEqual(['FORBIDDEN']);
      expect(gw.upstream().map((c) => c.headers.authorization).sort()).toEqual(['Bearer token-a', 'Bearer token-b']);
    });
  });
});
