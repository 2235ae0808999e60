import { describe, expect, it } from 'vitest';
import type { CustomerRecord } from '../../src/simulator/data.js';
import { DEFAULT_PARTNER_ID, isListed, orderMatchesBillingType } from '../../src/simulator/simulator.js';
import type { OrderLineItem } from '../../src/simulator/types.js';
import { dataOf } from '../support/data-of.js';
import { callsOf, expectedSkuCalls, expectedSubscriptionCalls, skuOf } from '../support/expected-calls.js';
import { useGateway } from '../support/shared-gateway.js';

/** The whole order domain in one query: a page of customers, their monthly orders, each line's SKU and subscription. */
const ACCEPTANCE = `query OrderDomain($first: Int!, $after: String) {
  customerList(first: $first, after: $after) {
    edges { node {
      id
      companyProfile { companyName }
      orders(billingCycle: MONTHLY) { id lineItems { lineItemNumber sku { title } subscription { id status } } }
    } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const gw = useGateway();

const monthly = (record: CustomerRecord) => record.orders.filter((o) => isListed(record, o, 0) && orderMatchesBillingType(o, 'monthly'));

/** The answer, from the simulator's data. */
function expectedNode(record: CustomerRecord) {
  const skuTitle = (line: OrderLineItem) => {
    const ref = skuOf(line);
    const product = ref && gw.sim.data.catalog.find((p) => p.id === ref.productId);
    return product?.skus.find((s) => s.id === ref!.skuId)?.title;
  };
  const subscriptions = new Map(record.subscriptions.map((s) => [s.id, s])); // the big customer has thousands
  const subscription = (line: OrderLineItem) => subscriptions.get(line.subscriptionId ?? '');
  return {
    id: record.customer.id,
    companyProfile: { companyName: record.customer.companyProfile.companyName },
    orders: monthly(record).map((order) => ({
      id: order.id,
      lineItems: (order.lineItems ?? []).map((line) => ({
        lineItemNumber: line.lineItemNumber,
        sku: skuTitle(line) === undefined ? null : { title: skuTitle(line) },
        subscription: line.subscriptionId ? { id: line.subscriptionId, status: subscription(line)!.status.toUpperCase() } : null,
      })),
    })),
  };
}

/**
 * The distinct upstream resources the page needs: 1 customer page + per customer 1 monthly order list
 * + per distinct product (one country) 1 SKU call (list when several SKUs, else by id) + per customer
 * with subscriptions 1 call (list when several, else by id).
 */
function expectedCalls(records: CustomerRecord[], firstCall: string): string[] {
  const lines = (record: CustomerRecord) => monthly(record).flatMap((o) => o.lineItems ?? []);
  return [
    firstCall,
    ...records.map((r) => `/v1/customers/${r.customer.id}/orders?billingType=Monthly`),
    ...expectedSkuCalls(records.flatMap(lines)),
    ...records.flatMap((r) => expectedSubscriptionCalls(r.customer.id, lines(r))),
  ].sort();
}

describe('the order domain in one query', () => {
  it('a page of customers with their monthly orders, SKU titles and subscription statuses: exact data, exact calls', async () => {
    const records = gw.sim.data.customersOf(DEFAULT_PARTNER_ID).slice(0, 10);
    gw.resetUpstream();
    const { status, body } = await gw.query(ACCEPTANCE, { first: 10 });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const list = body.data!.customerList as { edges: { node: unknown }[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
    expect(list.edges.map((e) => e.node)).toEqual(records.map(expectedNode));
    expect(list.pageInfo.hasNextPage).toBe(true);

    const expected = expectedCalls(records, '/v1/customers?size=10');
    expect(callsOf(gw)).toEqual(expected);
    // Pinned for the seeded data (seed 42): 1 page + 10 order lists + 6 SKUs by id (monthly lines have one SKU
    // per product; the quirks customer's Business Standard was bought in DE, a market of its own) + 6 subscription
    // lists + 1 subscription by id (3 customers have no monthly subscription).
    expect(expected).toHaveLength(24);
    expect(expected).toContain('/v1/products/CFQ7TTC0LDPB/skus/0001?country=DE');
    expect(expected.filter((c) => c.endsWith('/subscriptions'))).toHaveLength(6);
  });

  it('the next page costs the same rules, the page itself one call', async () => {
    const first = dataOf(await gw.query(ACCEPTANCE, { first: 10 })).customerList as { pageInfo: { endCursor: string } };
    const records = gw.sim.data.customersOf(DEFAULT_PARTNER_ID).slice(10, 20);
    gw.resetUpstream();
    const { body } = await gw.query(ACCEPTANCE, { first: 10, after: first.pageInfo.endCursor });
    expect(body.errors).toBeUndefined();
    expect((body.data!.customerList as { edges: { node: unknown }[] }).edges.map((e) => e.node)).toEqual(records.map(expectedNode));
    expect(callsOf(gw)).toEqual(expectedCalls(records, '/v1/customers?size=10&seekOperation=Next'));
  });
});
