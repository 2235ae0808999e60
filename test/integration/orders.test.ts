import { describe, expect, it } from 'vitest';
import {
  QUIRKS_CUSTOMER_ID,
  SEED_000_CUSTOMER_ID,
  SEED_000_ORDER_IDS,
  SEED_004_CUSTOMER_ID,
  SEED_004_ORDER_IDS,
} from '../../src/simulator/constants.js';
import { dataOf } from '../support/data-of.js';
import { useGateway } from '../support/shared-gateway.js';

const gw = useGateway();

describe('orders of the seed customers', () => {
  it('seed 004: ONE_TIME returns exactly the two seed orders from one billingType call', async () => {
    gw.resetUpstream();
    const { status, body } = await gw.query(
      `{ customer(id: "${SEED_004_CUSTOMER_ID}") { orders(billingCycle: ONE_TIME) { id billingCycle currencyCode status creationDate lineItems { lineItemNumber offerId friendlyName quantity } } } }`,
    );
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({
      customer: {
        orders: [
          {
            id: SEED_004_ORDER_IDS[0],
            billingCycle: 'ONE_TIME',
            currencyCode: 'USD',
            status: 'PENDING',
            creationDate: '2018-03-15T02:17:15.6455674Z',
            lineItems: [
              { lineItemNumber: 0, offerId: 'DZH318Z0BQ4B:000Z:DZH318Z0DSPL', friendlyName: 'Reserved_VM_Instance_Standard_D1_AP_East_1_Year', quantity: 1 },
            ],
          },
          {
            id: SEED_004_ORDER_IDS[1],
            billingCycle: 'ONE_TIME',
            currencyCode: 'USD',
            status: 'PENDING',
            creationDate: '2018-03-15T01:42:36.8440279Z',
            lineItems: [
              { lineItemNumber: 0, offerId: 'DZH318Z0BQ4Z:002P:DZH318Z0CL2D', friendlyName: 'Reserved_VM_Instance_Standard_NC12_AU_East_3_Years', quantity: 1 },
            ],
          },
        ],
      },
    });
    const calls = gw.upstream();
    expect(calls).toHaveLength(1);
    expect(calls[0]!.path).toBe(`/v1/customers/${SEED_004_CUSTOMER_ID}/orders`);
    expect(calls[0]!.query).toEqual({ billingType: 'OneTime' });
  });

  it('seed 004: all orders include other cycles, so the filter really filtered', async () => {
    const { body } = await gw.query(`{ customer(id: "${SEED_004_CUSTOMER_ID}") { orders { id billingCycle } } }`);
    const orders = (dataOf(body).customer as { orders: { id: string; billingCycle: string }[] }).orders;
    expect(orders.length).toBeGreaterThan(2);
    expect(orders.filter((o) => o.billingCycle === 'ONE_TIME').map((o) => o.id)).toEqual([...SEED_004_ORDER_IDS]);
  });

  it('seed 000: survives every quirk (spaced dates, status none, no cycle, no currency)', async () => {
    const { body } = await gw.query(
      `{ customer(id: "${SEED_000_CUSTOMER_ID}") { orders { id billingCycle currencyCode status creationDate lineItems { offerId friendlyName quantity subscriptionId } } } }`,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({
      customer: {
        orders: [
          {
            id: SEED_000_ORDER_IDS[0],
            billingCycle: null,
            currencyCode: null,
            status: 'UNKNOWN',
            creationDate: '2015-10-08T10:42:36.54-07:00',
            lineItems: [{ offerId: '031C9E47-4802-4248-838E-778FB1D2CC05', friendlyName: 'nickname', quantity: 1, subscriptionId: null }],
          },
          {
            id: SEED_000_ORDER_IDS[1],
            billingCycle: null,
            currencyCode: null,
            status: 'UNKNOWN',
            creationDate: '2015-10-09T21:53:18.83-07:00',
            lineItems: [{ offerId: '4271AA57-4129-477E-BA88-0A276D4A1619', friendlyName: null, quantity: 1, subscriptionId: null }],
          },
        ],
      },
    });
  });

  it('seed 000: orders with no cycle are found under UNKNOWN, locally filtered from the full list', async () => {
    gw.resetUpstream();
    const { body } = await gw.query(`{ customer(id: "${SEED_000_CUSTOMER_ID}") { orders(billingCycle: UNKNOWN) { id } } }`);
    expect(body.data).toEqual({ customer: { orders: SEED_000_ORDER_IDS.map((id) => ({ id })) } });
    expect(gw.upstream().map((c) => c.query)).toEqual([{}]);
  });
});

describe('messy real-world orders', () => {
  it('maps unknown enum strings to UNKNOWN and nulls only an unreadable date, with a coded error', async () => {
    const orders = gw.sim.data.findCustomer(QUIRKS_CUSTOMER_ID)!.orders as unknown as Record<string, unknown>[];
    const { body } = await gw.query(
      `{ customer(id: "${QUIRKS_CUSTOMER_ID}") { orders { id billingCycle status creationDate lineItems { quantity provisioningContext { key value } } } } }`,
    );
    const got = (body.data!.customer as { orders: Record<string, unknown>[] }).orders;
    expect(got).toHaveLength(orders.length);

    const byRaw = (predicate: (o: Record<string, unknown>) => boolean) => {
      const index = orders.findIndex(predicate);
      expect(index, 'the simulator has such an order').toBeGreaterThanOrEqual(0);
      return { index, order: got[index]! };
    };
    expect(byRaw((o) => o.billingCycle === 'quarterly').order.billingCycle).toBe('UNKNOWN');
    expect(byRaw((o) => o.billingCycle === 'Monthly').order.billingCycle).toBe('MONTHLY');
    const badDate = byRaw((o) => o.creationDate === 'not-a-date');
    expect(badDate.order.creationDate).toBeNull();
    expect(badDate.order.id).toBe(orders[badDate.index]!.id);
    expect(byRaw((o) => o.lineItems === undefined).order.lineItems).toEqual([]);

    expect(body.errors).toHaveLength(1);
    expect(body.errors![0]).toMatchObject({
      path: ['customer', 'orders', badDate.index, 'creationDate'],
      extensions: { code: 'UPSTREAM_ERROR', field: 'creationDate' },
    });
  });
});
