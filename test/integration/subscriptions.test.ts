import { describe, expect, it } from 'vitest';
import { DELAYED_CUSTOMER_ID, SEED_004_CUSTOMER_ID } from '../../src/simulator/constants.js';
import type { Subscription } from '../../src/simulator/types.js';
import { useGateway } from '../support/shared-gateway.js';

const A = SEED_004_CUSTOMER_ID; // three subscriptions: two from monthly orders, one annual
const D = DELAYED_CUSTOMER_ID; // one subscription, from its monthly order
const MISSING = '00000000-1111-4222-8333-444444444444';
const FIELDS = 'id offerId offerName friendlyName quantity unitType status billingCycle termDuration autoRenewEnabled isTrial orderId creationDate effectiveStartDate commitmentEndDate';

const gw = useGateway({}, { clearFaults: true });

const subs = (customerId: string) => gw.sim.data.findCustomer(customerId)!.subscriptions;
const paths = () => gw.upstream().map((c) => c.path).sort();
const lineSubs = (data: unknown) =>
  ((data as { customer: { orders: { lineItems: { subscription: unknown }[] }[] } }).customer.orders).flatMap((o) => o.lineItems.map((l) => l.subscription));

function asGraphQL(s: Subscription) {
  return {
    id: s.id, offerId: s.offerId, offerName: s.offerName, friendlyName: s.friendlyName, quantity: s.quantity, unitType: s.unitType,
    status: s.status.toUpperCase(), billingCycle: s.billingCycle.toUpperCase(), termDuration: s.termDuration ?? null,
    autoRenewEnabled: s.autoRenewEnabled, isTrial: s.isTrial, orderId: s.orderId,
    creationDate: s.creationDate, effectiveStartDate: s.effectiveStartDate, commitmentEndDate: s.commitmentEndDate,
  };
}

describe('subscriptions', () => {
  it('Customer.subscriptions is one list call, every field served', async () => {
    const { body } = await gw.query(`{ customer(id: "${A}") { subscriptions { ${FIELDS} } } }`);
    expect(body.errors).toBeUndefined();
    expect(subs(A)).toHaveLength(3);
    expect(body.data).toEqual({ customer: { subscriptions: subs(A).map(asGraphQL) } });
    expect(paths()).toEqual([`/v1/customers/${A}/subscriptions`]);
  });

  it('more than one subscription of a customer needed: one list call serves them all', async () => {
    const { body } = await gw.query(`{ customer(id: "${A}") { orders(billingCycle: MONTHLY) { lineItems { subscription { id status } } } } }`);
    expect(body.errors).toBeUndefined();
    const monthly = subs(A).filter((s) => s.billingCycle === 'monthly');
    expect(lineSubs(body.data)).toEqual(monthly.map((s) => ({ id: s.id, status: s.status.toUpperCase() })));
    expect(paths()).toEqual([`/v1/customers/${A}/orders`, `/v1/customers/${A}/subscriptions`]);
  });

  it('a single subscription is one GET by id', async () => {
    const { body } = await gw.query(`{ customer(id: "${D}") { orders { lineItems { subscription { id quantity } } } } }`);
    expect(body.errors).toBeUndefined();
    const [only] = subs(D);
    expect(lineSubs(body.data)).toEqual([{ id: only!.id, quantity: 4 }]);
    expect(paths()).toEqual([`/v1/customers/${D}/orders`, `/v1/customers/${D}/subscriptions/${only!.id}`]);
  });

  it('lines without a subscriptionId are null with no error and no call', async () => {
    const { body } = await gw.query(`{ customer(id: "${A}") { orders(billingCycle: ONE_TIME) { lineItems { subscriptionId subscription { id } } } } }`);
    expect(body).toEqual({ data: { customer: { orders: [{ lineItems: [{ subscriptionId: null, subscription: null }] }, { lineItems: [{ subscriptionId: null, subscription: null }] }] } } });
    expect(paths()).toEqual([`/v1/customers/${A}/orders`]);
  });

  it('with Customer.subscriptions selected, line items are served from that list', async () => {
    const { body } = await gw.query(`{ customer(id: "${D}") { subscriptions { id } orders(billingCycle: MONTHLY) { lineItems { subscription { id } } } } }`);
    expect(body.errors).toBeUndefined();
    expect(paths()).toEqual([`/v1/customers/${D}/orders`, `/v1/customers/${D}/subscriptions`]);
  });

  it('the rule is per customer: one subscription each is one GET by id each', async () => {
    const { body } = await gw.query(`{ customers(ids: ["${D}", "${A}"]) { orders(billingCycle: ANNUAL) { lineItems { subscription { id } } } } }`);
    expect(body.errors).toBeUndefined();
    const annual = subs(A).filter((s) => s.billingCycle === 'annual');
    expect(annual).toHaveLength(1);
    // D's annual order is listed only 15 minutes after start, so D needs no subscription.
    expect(paths()).toEqual([`/v1/customers/${A}/orders`, `/v1/customers/${A}/subscriptions/${annual[0]!.id}`, `/v1/customers/${D}/orders`].sort());
  });

  it('a subscription the list lacks is fetched by id', async () => {
    const [first, ...rest] = subs(A);
    gw.sim.inject({ match: { route: 'subscriptions', customerId: A }, times: 1, fault: { kind: 'raw', status: 200, body: JSON.stringify({ totalCount: 1, items: [first] }) } });
    const { body } = await gw.query(`{ customer(id: "${A}") { orders { lineItems { subscription { id } } } } }`);
    expect(body.errors).toBeUndefined();
    expect(lineSubs(body.data).filter(Boolean)).toHaveLength(3);
    expect(paths()).toEqual([`/v1/customers/${A}/orders`, `/v1/customers/${A}/subscriptions`, ...rest.map((s) => `/v1/customers/${A}/subscriptions/${s.id}`)].sort());
  });
});

describe('subscription errors', () => {
  it('404 20003 is null with NOT_FOUND; the line item stays', async () => {
    gw.sim.inject({ match: { route: 'subscription', customerId: D }, fault: { kind: 'status', status: 404, code: 20003, description: 'Subscription with ID x not found.' } });
    const { body } = await gw.query(`{ customer(id: "${D}") { orders(billingCycle: MONTHLY) { lineItems { quantity subscription { id } } } } }`);
    expect(body.data).toEqual({ customer: { orders: [{ lineItems: [{ quantity: 4, subscription: null }] }] } });
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0]).toMatchObject({
      path: ['customer', 'orders', 0, 'lineItems', 0, 'subscription'],
      extensions: { code: 'NOT_FOUND', upstream: { status: 404, code: '20003' } },
    });
  });

  it('a failed list fails the subscriptions it was to serve, with no call per subscription', async () => {
    gw.sim.inject({ match: { route: 'subscriptions', customerId: A }, fault: { kind: 'status', status: 403, code: 2032, description: 'Access denied' } });
    const { body } = await gw.query(`{ customer(id: "${A}") { orders(billingCycle: MONTHLY) { id lineItems { subscription { id } } } } }`);
    expect(lineSubs(body.data)).toEqual([null, null]);
    expect(body.errors!.map((e) => e.extensions!.code)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
    expect(paths()).toEqual([`/v1/customers/${A}/orders`, `/v1/customers/${A}/subscriptions`]);
  });

  it('a customer that does not exist is null with NOT_FOUND when only subscriptions are asked for', async () => {
    const { body } = await gw.query(`{ customer(id: "${MISSING}") { id subscriptions { id } } }`);
    expect(body.data).toEqual({ customer: null });
    expect(body.errors![0]).toMatchObject({ path: ['customer'], extensions: { code: 'NOT_FOUND', upstream: { code: '60003' } } });
    expect(paths()).toEqual([`/v1/customers/${MISSING}/subscriptions`]);
  });

  it('a subscriptionId that could not be a path segment is UPSTREAM_ERROR on that field, with no call', async () => {
    const order = { id: 'abc123def456', lineItems: [{ lineItemNumber: 0, offerId: 'x', subscriptionId: '../../admin' }] };
    gw.sim.inject({ match: { route: 'orders', customerId: D }, times: 1, fault: { kind: 'raw', status: 200, body: JSON.stringify({ totalCount: 1, items: [order] }) } });
    const { body } = await gw.query(`{ customer(id: "${D}") { orders { id lineItems { subscription { id } } } } }`);
    expect(body.data).toEqual({ customer: { orders: [{ id: 'abc123def456', lineItems: [{ subscription: null }] }] } });
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'UPSTREAM_ERROR', field: 'subscriptionId' });
    expect(paths()).toEqual([`/v1/customers/${D}/orders`]);
  });
});
