import { describe, expect, it } from 'vitest';
import {
  BIG_CUSTOMER_ID, BIG_CUSTOMER_ORDER_COUNT, BILLING_CYCLES, DEFAULT_PARTNER_ID, FOREIGN_CUSTOMER_ID,
  OTHER_PARTNER_ID, createSimulator, orderBillingCycle,
} from '../../src/simulator/simulator.js';
import { createData } from '../../src/simulator/data.js';
import { get, start } from './helpers.js';

describe('determinism', () => {
  it('gives identical data for the same seed, byte for byte', () => {
    const a = JSON.stringify(createData(7, 40));
    const b = JSON.stringify(createData(7, 40));
    expect(a).toBe(b);
    // Another seed changes the generated customers (checked without building the 2,000-order customer again).
    const generated = (seed: number) => JSON.stringify(createData(seed, 40).customers.slice(6).map((r) => r.customer));
    expect(generated(8)).not.toBe(generated(7));
  });

  it('serves identical JSON from two simulators with the same seed', async () => {
    const [x, y] = await Promise.all([start({ seed: 123 }), start({ seed: 123 })]);
    try {
      const paths = ['/v1/customers?size=200'];
      for (const record of x.sim.data.customers.slice(6, 12)) {
        const id = record.customer.id;
        paths.push(`/v1/customers/${id}`, `/v1/customers/${id}/orders?include_price=true`, `/v1/customers/${id}/subscriptions`);
      }
      for (const path of paths) {
        const [rx, ry] = await Promise.all([get(x.url, path), get(y.url, path)]);
        expect(rx.status).toBe(200);
        expect(rx.text).toBe(ry.text);
      }
    } finally {
      await Promise.all([x.close(), y.close()]);
    }
  });

  it('is cheap to create', () => {
    const started = performance.now();
    for (let i = 0; i < 20; i++) createSimulator({ seed: i });
    // Generous bound for loaded CI machines; typically ~1 ms each.
    expect((performance.now() - started) / 20).toBeLessThan(50);
  });
});

describe('data set shape', () => {
  const data = createData(42, 40);
  const generated = data.customers.slice(6);
  const orders = generated.flatMap((r) => [...r.orders]);

  it('has the fixed customers and the generated ones', () => {
    expect(data.customers).toHaveLength(46);
    expect(data.findCustomer(FOREIGN_CUSTOMER_ID)?.partnerId).toBe(OTHER_PARTNER_ID);
    expect(data.customersOf(DEFAULT_PARTNER_ID)).toHaveLength(45);
    const domains = data.customers.map((r) => r.customer.companyProfile.domain);
    expect(new Set(domains).size).toBe(domains.length);
    for (const d of domains) expect(d).toMatch(/^[a-z0-9]+\.onmicrosoft\.com$/);
    expect(new Set(generated.map((r) => r.customer.relationshipToPartner))).toEqual(new Set(['reseller', 'advisor']));
  });

  it('covers every billing cycle, order id format and status', () => {
    expect(new Set(orders.map((o) => orderBillingCycle(o)))).toEqual(new Set(BILLING_CYCLES));
    const formats = new Set(orders.map((o) =>
      /^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/.test(o.id) ? 'guid' : /^[0-9a-f]{12}$/.test(o.id) ? 'hex12' : o.id.length === 33 ? 'b64' : 'other'));
    expect(formats).toEqual(new Set(['guid', 'hex12', 'b64']));
    for (const o of orders.filter((x) => /^[0-9a-f]{12}$/.test(x.id))) expect(o.alternateId).toBe(o.id);
    expect(new Set(orders.map((o) => o.status))).toEqual(new Set(['completed', 'pending', 'cancelled']));
    for (const r of generated) expect(r.orders.length).toBeLessThanOrEqual(8);
  });

  it('numbers line items 0..n-1 and never sends null', () => {
    for (const o of orders) {
      expect(o.lineItems?.map((li) => li.lineItemNumber)).toEqual(o.lineItems?.map((_, i) => i));
      expect(o.lineItems?.length).toBeGreaterThanOrEqual(1);
      expect(o.lineItems?.length).toBeLessThanOrEqual(4);
    }
    expect(JSON.stringify(data)).not.toContain('null');
  });

  it('builds the big customer with exactly 2000 orders, served in one response', async () => {
    expect(data.findCustomer(BIG_CUSTOMER_ID)?.orders).toHaveLength(BIG_CUSTOMER_ORDER_COUNT);
    const s = await start({ customerCount: 0 });
    try {
      const r = await get(s.url, `/v1/customers/${BIG_CUSTOMER_ID}/orders`);
      expect(r.body.totalCount).toBe(2000);
      expect(r.body.items).toHaveLength(2000);
    } finally {
      await s.close();
    }
  });
});
