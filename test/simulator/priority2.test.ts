import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BIG_CUSTOMER_ID, QUIRKS_CUSTOMER_ID, UNAVAILABLE_PRODUCT_ID, SEED_004_CUSTOMER_ID, SEED_004_ORDER_IDS, type Order,
} from '../../src/simulator/simulator.js';
import { get, start, type Started } from './helpers.js';

let s: Started;
beforeAll(async () => { s = await start(); });
afterAll(async () => { await s.close(); });

const C4 = SEED_004_CUSTOMER_ID;
const fault = (code: number, description: string) => ({ code, description, data: [], source: 'PartnerFD' });

describe('orders by id and provisioning status', () => {
  it('serves an order by id exactly as it appears in the list', async () => {
    const list = await get(s.url, `/v1/customers/${C4}/orders`);
    for (const order of list.body.items as Order[]) {
      const one = await get(s.url, `/v1/customers/${C4}/orders/${encodeURIComponent(order.id)}`);
      expect(one.status).toBe(200);
      expect(one.body).toEqual(order);
    }
  });

  it('answers 404 20000 for an unknown order, also on provisioningstatus', async () => {
    for (const path of [`/v1/customers/${C4}/orders/nope`, `/v1/customers/${C4}/orders/nope/provisioningstatus`]) {
      const r = await get(s.url, path);
      expect(r.status).toBe(404);
      expect(r.body).toEqual(fault(20000, 'Order ID not found'));
    }
  });

  it('reports provisioning status per line item', async () => {
    const r = await get(s.url, `/v1/customers/${C4}/orders/${SEED_004_ORDER_IDS[0]}/provisioningstatus`);
    expect(r.body).toEqual({
      totalCount: 1,
      items: [{ lineItemNumber: 0, status: 'prefulfillmentpending', quantityProvisioningInformation: [{ quantity: 1, status: 'prefulfillmentpending' }] }],
      attributes: { objectType: 'Collection' },
    });
    const completed = await get(s.url, `/v1/customers/${C4}/orders/5e8f2a9c4b71/provisioningstatus`);
    expect(completed.body.items[0].status).toBe('fulfilled');
    const quirky = await get(s.url, `/v1/customers/${QUIRKS_CUSTOMER_ID}/orders/f00d0a1b2c3d/provisioningstatus`);
    expect(quirky.body.items[0].status).toBe('Fulfilled');
  });
});

describe('subscriptions', () => {
  it('has a subscription for every line item with a subscriptionId, and lists by order', async () => {
    for (const record of s.sim.data.customers.filter((r) => r.customer.id !== BIG_CUSTOMER_ID).slice(0, 12)) {
      const id = record.customer.id;
      const all = await get(s.url, `/v1/customers/${id}/subscriptions`);
      if (all.status === 403) continue; // the foreign customer
      expect(all.body.totalCount).toBe(record.subscriptions.length);
      for (const order of record.orders) {
        const lines = (order.lineItems ?? []).filter((li) => li.subscriptionId !== undefined);
        const byOrder = await get(s.url, `/v1/customers/${id}/subscriptions?order_id=${encodeURIComponent(order.id)}`);
        expect(byOrder.body.items.map((x: { id: string }) => x.id)).toEqual(lines.map((li) => li.subscriptionId));
        for (const li of lines) {
          const sub = await get(s.url, `/v1/customers/${id}/subscriptions/${li.subscriptionId}`);
          expect(sub.status).toBe(200);
          expect(sub.body).toMatchObject({ id: li.subscriptionId, orderId: order.id, offerId: li.offerId, quantity: li.quantity ?? 1 });
          expect(sub.body.attributes.objectType).toBe('Subscription');
        }
      }
    }
  });

  it('answers 404 20003 for an unknown subscription', async () => {
    const sid = '11111111-2222-4333-8444-555555555555';
    const r = await get(s.url, `/v1/customers/${C4}/subscriptions/${sid}`);
    expect(r.status).toBe(404);
    expect(r.body).toEqual(fault(20003, `Subscription with ID ${sid} not found.`));
  });
});

describe('products and SKUs', () => {
  it('resolves every new-commerce offerId used in orders', async () => {
    const offerIds = new Set<string>();
    for (const record of s.sim.data.customers) {
      if (record.customer.id === BIG_CUSTOMER_ID) continue;
      for (const order of record.orders) for (const li of order.lineItems ?? []) if (li.offerId.includes(':')) offerIds.add(li.offerId);
    }
    expect(offerIds).toContain('DZH318Z0BQ4B:000Z:DZH318Z0DSPL');
    expect(offerIds).toContain('DZH318Z0BQ4Z:002P:DZH318Z0CL2D');
    expect(offerIds).toContain(`${UNAVAILABLE_PRODUCT_ID}:0003:DZH318Z0BXWD`);
    for (const offerId of offerIds) {
      const [pid, sku] = offerId.split(':');
      if (pid === UNAVAILABLE_PRODUCT_ID) continue; // answers 400072, see below
      const product = await get(s.url, `/v1/products/${pid}?country=US`);
      expect(product.status).toBe(200);
      expect(product.body).not.toHaveProperty('attributes');
      const one = await get(s.url, `/v1/products/${pid}/skus/${sku}?country=US`);
      expect(one.status).toBe(200);
      expect(one.body).toMatchObject({ id: sku, productId: pid });
      expect(one.body).not.toHaveProperty('attributes');
      const all = await get(s.url, `/v1/products/${pid}/skus?country=US`);
      expect(all.body.items.map((x: { id: string }) => x.id)).toContain(sku);
    }
  });

  it('answers 400072 "This item isn\'t available" with HTTP 200 for an unavailable item (error-codes.md)', async () => {
    for (const path of [`/v1/products/${UNAVAILABLE_PRODUCT_ID}?country=US`, `/v1/products/${UNAVAILABLE_PRODUCT_ID}/skus/0003?country=US`, `/v1/products/${UNAVAILABLE_PRODUCT_ID}/skus?country=US`]) {
      const r = await get(s.url, path);
      expect(r.status).toBe(200);
      expect(r.body).toEqual({ code: 400072, description: "This item isn't available. To learn more, see Azure in Cloud Solution Provider (CSP).", data: [], source: 'PartnerFD' });
    }
  });

  it('requires country and reports unknown products and SKUs', async () => {
    for (const path of ['/v1/products/DZH318Z0BQ4B', '/v1/products/DZH318Z0BQ4B/skus', '/v1/products/DZH318Z0BQ4B/skus/000Z?country=']) {
      const r = await get(s.url, path);
      expect(r.status).toBe(400);
      expect(r.body.code).toBe(800002);
    }
    const product = await get(s.url, '/v1/products/NOPE?country=US');
    expect(product.status).toBe(404);
    expect(product.body).toEqual(fault(400013, 'Product was not found.'));
    const sku = await get(s.url, '/v1/products/DZH318Z0BQ4B/skus/ZZZZ?country=US');
    expect(sku.status).toBe(404);
    expect(sku.body).toEqual(fault(400018, 'Sku was not found.'));
  });
});
