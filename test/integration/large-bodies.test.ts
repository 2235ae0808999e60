import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIG_CUSTOMER_ID, BIG_CUSTOMER_ORDER_COUNT } from '../../src/simulator/constants.js';
import { startGateway, TOKEN, type TestGateway } from '../support/gateway.js';

interface UpstreamOrder {
  id: string;
  currencySymbol?: string;
  lineItems: { offerId: string }[];
}

let gw: TestGateway;
beforeAll(async () => {
  gw = await startGateway();
});
afterAll(() => gw.close());

describe('a 2,000-order upstream page (2.6 MB, parsed in turns of its own)', () => {
  it('is served whole from one upstream call, every multi-byte character intact across chunk boundaries', async () => {
    // What Partner Center sends, read here in one piece for comparison.
    const direct = await request(`${gw.simUrl}/v1/customers/${BIG_CUSTOMER_ID}/orders`, { headers: { authorization: TOKEN } });
    const raw = await direct.body.text();
    expect(Buffer.byteLength(raw)).toBeGreaterThan(256 * 1024);
    const upstream = (JSON.parse(raw) as { items: UpstreamOrder[] }).items;
    // Multi-byte UTF-8 in the body (€ is three bytes): a decoder that split one between two chunks would garble it.
    expect(upstream.filter((order) => order.currencySymbol === '€').length).toBeGreaterThan(1000);
    gw.resetUpstream();

    const response = await gw.query(`query($id: ID!) { customer(id: $id) { orders { id currencySymbol lineItems { offerId } } } }`, { id: BIG_CUSTOMER_ID });
    expect(response.body.errors).toBeUndefined();
    const orders = (response.body.data as { customer: { orders: UpstreamOrder[] } }).customer.orders;
    expect(orders).toHaveLength(BIG_CUSTOMER_ORDER_COUNT);
    expect(orders).toEqual(
      upstream.map((order) => ({ id: order.id, currencySymbol: order.currencySymbol ?? null, lineItems: order.lineItems.map(({ offerId }) => ({ offerId })) })),
    );
    expect(gw.upstream().map((call) => call.path)).toEqual([`/v1/customers/${BIG_CUSTOMER_ID}/orders`]);
  });

  it('several at once are all answered, each from its own call', async () => {
    gw.resetUpstream();
    const tokens = ['Bearer large-a', 'Bearer large-b', 'Bearer large-c'];
    const answers = await Promise.all(
      tokens.map((authorization) => gw.query(`query($id: ID!) { customer(id: $id) { orders { id } } }`, { id: BIG_CUSTOMER_ID }, { authorization })),
    );
    expect(answers.map((a) => (a.body.data as { customer: { orders: unknown[] } }).customer.orders.length)).toEqual([2000, 2000, 2000]);
    expect(gw.upstream()).toHaveLength(3);
  });
});
