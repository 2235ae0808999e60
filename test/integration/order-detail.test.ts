import { describe, expect, it } from 'vitest';
import { QUIRKS_CUSTOMER_ID, SEED_004_CUSTOMER_ID, SEED_004_ORDER_IDS } from '../../src/simulator/constants.js';
import { useGateway } from '../support/shared-gateway.js';

const A = SEED_004_CUSTOMER_ID;
const MONTHLY = '5e8f2a9c4b71';
const ANNUAL = '0b6d3c8e1f24';
const [ONE_TIME] = SEED_004_ORDER_IDS;
const base = `/v1/customers/${A}/orders`;

const gw = useGateway({}, { clearFaults: true });

const calls = () => gw.upstream().map((c) => `${c.path}${Object.keys(c.query).length ? `?${new URLSearchParams(c.query).toString()}` : ''}`).sort();

describe('order detail', () => {
  it('Customer.order and Query.order read one order by id, one GET each distinct order', async () => {
    const { body } = await gw.query(`{
      customer(id: "${A}") { order(id: "${MONTHLY}") { id customerId billingCycle status lineItems { offerId quantity } } }
      order(customerId: "${A.toUpperCase()}", id: "${ANNUAL}") { id customerId billingCycle }
      again: order(customerId: "${A}", id: "${MONTHLY}") { id } }`);
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({
      customer: { order: { id: MONTHLY, customerId: A, billingCycle: 'MONTHLY', status: 'COMPLETED', lineItems: [{ offerId: 'CFQ7TTC0LH18:0001:CFQ7TTC0J1FV', quantity: 10 }] } },
      order: { id: ANNUAL, customerId: A, billingCycle: 'ANNUAL' },
      again: { id: MONTHLY },
    });
    expect(calls()).toEqual([`${base}/${ANNUAL}`, `${base}/${MONTHLY}`]);
  });

  it('an order already loaded by a list in the same request costs no second call', async () => {
    for (const query of [
      `{ customer(id: "${A}") { orders { id } order(id: "${ANNUAL}") { id billingCycle } } }`,
      `{ customer(id: "${A}") { order(id: "${ANNUAL}") { id billingCycle } orders { id } } }`,
      `{ customerList(first: 1) { edges { node { order(id: "${ANNUAL}") { id billingCycle } orders { id } } } } }`,
      `{ order(customerId: "${A}", id: "${ANNUAL}") { id billingCycle } customer(id: "${A}") { orders { id } } }`,
    ]) {
      gw.resetUpstream();
      const { body } = await gw.query(query);
      expect(body.errors).toBeUndefined();
      expect(JSON.stringify(body.data)).toContain(`{"id":"${ANNUAL}","billingCycle":"ANNUAL"}`);
      expect(calls().filter((c) => c.startsWith(base))).toEqual([base]);
    }
  });

  it('a filtered list serves the orders it holds; one it does not hold is read by id', async () => {
    await gw.query(`{ customer(id: "${A}") { orders(billingCycle: MONTHLY) { id } m: order(id: "${MONTHLY}") { id } a: order(id: "${ANNUAL}") { id } } }`);
    expect(calls()).toEqual([`${base}/${ANNUAL}`, `${base}?billingType=Monthly`]);
  });

  it('an unknown order is null with NOT_FOUND (20000); the rest of the response stays', async () => {
    const { body } = await gw.query(`{ customer(id: "${A}") { id missing: order(id: "f00000000000") { id } found: order(id: "${MONTHLY}") { id } } }`);
    expect(body.data).toEqual({ customer: { id: A, missing: null, found: { id: MONTHLY } } });
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0]).toMatchObject({
      path: ['customer', 'missing'],
      extensions: { code: 'NOT_FOUND', upstream: { status: 404, code: '20000', description: 'Order ID not found' } },
    });
  });

  it.each([
    ['an order id with a slash', `{ customer(id: "${A}") { order(id: "../orders") { id } } }`, 'id'],
    ['an order id with a query', `{ order(customerId: "${A}", id: "x?include_price=true") { id } }`, 'id'],
    ['a customer id that is not a GUID', `{ order(customerId: "me", id: "${MONTHLY}") { id } }`, 'customerId'],
  ])('%s is BAD_USER_INPUT with no upstream call', async (_, query, argument) => {
    const { body } = await gw.query(query);
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
    expect(gw.upstream()).toHaveLength(0);
  });
});

describe('Order.provisioningStatus', () => {
  it('is fetched only when selected, once per order however often it is asked for', async () => {
    await gw.query(`{ customer(id: "${A}") { order(id: "${ONE_TIME}") { id } } }`);
    expect(calls()).toEqual([`${base}/${ONE_TIME}`]);
    gw.resetUpstream();
    const { body } = await gw.query(`{
      customer(id: "${A}") { order(id: "${ONE_TIME}") { a: provisioningStatus { lineItemNumber status quantityProvisioningInformation { quantity status } } } }
      order(customerId: "${A}", id: "${ONE_TIME}") { b: provisioningStatus { status } } }`);
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({
      customer: { order: { a: [{ lineItemNumber: 0, status: 'PREFULFILLMENT_PENDING', quantityProvisioningInformation: [{ quantity: 1, status: 'PREFULFILLMENT_PENDING' }] }] } },
      order: { b: [{ status: 'PREFULFILLMENT_PENDING' }] },
    });
    expect(calls()).toEqual([`${base}/${ONE_TIME}`, `${base}/${ONE_TIME}/provisioningstatus`]);
  });

  it('costs one call per order of a list, and reads statuses in any case', async () => {
    const orders = gw.sim.data.findCustomer(QUIRKS_CUSTOMER_ID)!.orders;
    const { body } = await gw.query(`{ customer(id: "${QUIRKS_CUSTOMER_ID}") { orders { id provisioningStatus { lineItemNumber status } } } }`);
    expect(body.errors).toBeUndefined();
    const got = (body.data!.customer as { orders: { id: string; provisioningStatus: { status: string }[] }[] }).orders;
    const expected = (status: string) => (status === 'cancelled' ? 'UNFULFILLED' : status === 'pending' || status === 'processing' ? 'PREFULFILLMENT_PENDING' : 'FULFILLED');
    expect(got).toEqual(orders.map((o) => ({ id: o.id, provisioningStatus: (o.lineItems ?? []).map((li) => ({ lineItemNumber: li.lineItemNumber, status: expected(o.status ?? '') })) })));
    const quirks = `/v1/customers/${QUIRKS_CUSTOMER_ID}/orders`;
    expect(calls()).toEqual([quirks, ...orders.map((o) => `${quirks}/${o.id}/provisioningstatus`)].sort());
  });

  it('404 800007 is null with NOT_FOUND for that order only', async () => {
    gw.sim.inject({ match: { route: 'provisioning', path: `${base}/${MONTHLY}/provisioningstatus` }, fault: { kind: 'status', status: 404, code: 800007, description: 'Unable to retrieve provisioning information' } });
    const { body } = await gw.query(`{ customer(id: "${A}") { orders(billingCycle: MONTHLY) { id provisioningStatus { status } } } }`);
    const orders = (body.data!.customer as { orders: { id: string; provisioningStatus: unknown }[] }).orders;
    expect(orders).toEqual([
      { id: MONTHLY, provisioningStatus: null },
      { id: 'a7c5e3f1-2d4b-4c6a-8e9f-0a1b2c3d4e5f', provisioningStatus: [{ status: 'FULFILLED' }] },
    ]);
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0]).toMatchObject({ path: ['customer', 'orders', 0, 'provisioningStatus'], extensions: { code: 'NOT_FOUND', upstream: { status: 404, code: '800007' } } });
  });
});
