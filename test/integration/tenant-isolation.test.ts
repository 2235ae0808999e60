import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PARTNER_ID, FOREIGN_CUSTOMER_ID, OTHER_PARTNER_ID } from '../../src/simulator/constants.js';
import { startGateway, type TestGateway } from '../support/gateway.js';

const TOKEN_A = 'Bearer partner-a-token';
const TOKEN_B = 'Bearer partner-b-token';

let gw: TestGateway;
let mine: string[];
beforeAll(async () => {
  // Latency keeps both callers' upstream calls in flight at the same time.
  gw = await startGateway({
    simulator: { latencyMs: 15, tokens: { 'partner-a-token': DEFAULT_PARTNER_ID, 'partner-b-token': OTHER_PARTNER_ID } },
  });
  mine = gw.sim.data.customersOf(DEFAULT_PARTNER_ID).slice(0, 4).map((r) => r.customer.id);
});
afterAll(() => gw.close());

const QUERY = `query($ids: [ID!]!) { customers(ids: $ids) { id companyProfile { companyName } orders { id } } }`;

describe('tenant isolation', () => {
  it('two partners asking for the same customers at the same time each see only their own', async () => {
    const ids = [...mine, FOREIGN_CUSTOMER_ID];
    const name = (id: string) => gw.sim.data.findCustomer(id)!.customer.companyProfile.companyName;
    for (let round = 0; round < 10; round += 1) {
      const [a, b] = await Promise.all([
        gw.query(QUERY, { ids }, { authorization: TOKEN_A }),
        gw.query(QUERY, { ids: [...ids].reverse() }, { authorization: TOKEN_B }),
      ]);
      const seenByA = a.body.data!.customers as ({ id: string; companyProfile: { companyName: string } } | null)[];
      const seenByB = b.body.data!.customers as ({ id: string; companyProfile: { companyName: string } } | null)[];
      expect(seenByA.map((c) => c?.companyProfile.companyName ?? null)).toEqual([...mine.map(name), null]);
      expect(seenByB.map((c) => c?.companyProfile.companyName ?? null)).toEqual([name(FOREIGN_CUSTOMER_ID), null, null, null, null]);
      expect(a.body.errors!.map((e) => [e.path, e.extensions!.code])).toEqual([[['customers', 4], 'FORBIDDEN']]);
      expect(b.body.errors!.map((e) => e.extensions!.code)).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);
    }
    // No call was shared or skipped: each caller paid for its own profile and order calls.
    expect(gw.upstream()).toHaveLength(10 * 2 * ids.length * 2);
  });

  it('the same operation from two partners at the same time: neither execution nor call is shared', async () => {
    // Byte-identical requests but for the token: operation and upstream single-flight both key on the caller.
    gw.resetUpstream();
    const ids = [...mine, FOREIGN_CUSTOMER_ID];
    const name = (id: string) => gw.sim.data.findCustomer(id)!.customer.companyProfile.companyName;
    for (let round = 0; round < 10; round += 1) {
      const [a, b] = await Promise.all([gw.query(QUERY, { ids }, { authorization: TOKEN_A }), gw.query(QUERY, { ids }, { authorization: TOKEN_B })]);
      const names = (r: typeof a) => (r.body.data!.customers as ({ companyProfile: { companyName: string } } | null)[]).map((c) => c?.companyProfile.companyName ?? null);
      expect(names(a)).toEqual([...mine.map(name), null]);
      expect(names(b)).toEqual([null, null, null, null, name(FOREIGN_CUSTOMER_ID)]);
    }
    expect(gw.upstream()).toHaveLength(10 * 2 * ids.length * 2);
    expect(gw.logs.filter((l) => (l as { graphql?: { sharedWith?: string } }).graphql?.sharedWith)).toEqual([]);
  });
});
