import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PARTNER_ID, FOREIGN_CUSTOMER_ID, OTHER_PARTNER_ID } from '../../src/simulator/constants.js';
import { useGateway } from '../support/shared-gateway.js';
import { gate, logged } from '../support/waiting.js';

const TOKEN_A = 'Bearer partner-a-token';
const TOKEN_B = 'Bearer partner-b-token';

// Latency keeps both callers' upstream calls in flight at the same time.
const gw = useGateway({ simulator: { latencyMs: 15, tokens: { 'partner-a-token': DEFAULT_PARTNER_ID, 'partner-b-token': OTHER_PARTNER_ID } } });
let mine: string[];
beforeAll(() => {
  mine = gw.sim.data.customersOf(DEFAULT_PARTNER_ID).slice(0, 4).map((r) => r.customer.id);
});

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

  it('a result kept after a shared execution (OPERATION_SINGLE_FLIGHT_LINGER_MS) answers only its own caller', async () => {
    gw.resetUpstream();
    const ids = [FOREIGN_CUSTOMER_ID];
    const open = gate(gw, { customerId: FOREIGN_CUSTOMER_ID }, 2);
    const burst = [gw.query(QUERY, { ids }, { authorization: TOKEN_B })];
    await gw.sim.waitForRequests(1);
    const joinedBefore = gw.logs.filter((l) => l.msg === 'sharing an identical operation in flight').length;
    burst.push(gw.query(QUERY, { ids }, { authorization: TOKEN_B }));
    await logged(gw, 'sharing an identical operation in flight', joinedBefore + 1);
    open();
    const [b] = await Promise.all(burst);
    // B's result now lingers; A asks the byte-identical operation straight after and must get its own.
    const a = await gw.query(QUERY, { ids }, { authorization: TOKEN_A });
    const again = await gw.query(QUERY, { ids }, { authorization: TOKEN_B });
    const name = gw.sim.data.findCustomer(FOREIGN_CUSTOMER_ID)!.customer.companyProfile.companyName;
    expect((b!.body.data!.customers as { companyProfile: { companyName: string } }[])[0]!.companyProfile.companyName).toBe(name);
    expect(again.body).toEqual(b!.body);
    expect(a.body.data).toEqual({ customers: [null] });
    expect(a.body.errors!.map((e) => e.extensions!.code)).toEqual(['FORBIDDEN']);
    // B's burst: its profile and order calls once; A: its own two. B's third request executed nothing.
    expect(gw.upstream().map((c) => c.headers.authorization)).toEqual([TOKEN_B, TOKEN_B, TOKEN_A, TOKEN_A]);
  });
});
