import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DELAYED_CUSTOMER_ID, DELAYED_ORDER_ID, DELAYED_ORDER_LIST_DELAY_MS, QUIRKS_CUSTOMER_ID, SEED_000_CUSTOMER_ID,
  SEED_004_CUSTOMER_ID,
} from '../../src/simulator/simulator.js';
import { get, start, type Started } from './helpers.js';

const C4 = SEED_004_CUSTOMER_ID;
const C0 = SEED_000_CUSTOMER_ID;
const link = (uri: string) => ({ uri, method: 'GET', headers: [] });

/** Seed page 004's response body, as printed (only whitespace differs). */
const SEED_004_BODY = {
  totalCount: 2,
  items: [
    {
      id: '9qg-ErcO-4MPbPqq_3MIQaS7bn8W6HfG1', referenceCustomerId: C4, billingCycle: 'one_time', currencyCode: 'USD',
      lineItems: [{
        lineItemNumber: 0, offerId: 'DZH318Z0BQ4B:000Z:DZH318Z0DSPL',
        friendlyName: 'Reserved_VM_Instance_Standard_D1_AP_East_1_Year', quantity: 1,
        links: { sku: link('/products/DZH318Z0BQ4B/skus/000Z?country=US') },
      }],
      creationDate: '2018-03-15T02:17:15.6455674Z', status: 'pending',
      links: {
        provisioningStatus: link(`/customers/${C4}/orders/9qg-ErcO-4MPbPqq_3MIQaS7bn8W6HfG1/provisioningstatus`),
        self: link(`/customers/${C4}/orders/9qg-ErcO-4MPbPqq_3MIQaS7bn8W6HfG1`),
      },
      attributes: { objectType: 'Order' },
    },
    {
      id: 's-BZlr_TeGksPNT61SsWRL-sqMaKbyVa1', referenceCustomerId: C4, billingCycle: 'one_time', currencyCode: 'USD',
      lineItems: [{
        lineItemNumber: 0, offerId: 'DZH318Z0BQ4Z:002P:DZH318Z0CL2D',
        friendlyName: 'Reserved_VM_Instance_Standard_NC12_AU_East_3_Years', quantity: 1,
        links: { sku: link('/products/DZH318Z0BQ4Z/skus/002P?country=US') },
      }],
      creationDate: '2018-03-15T01:42:36.8440279Z', status: 'pending',
      links: {
        provisioningStatus: link(`/customers/${C4}/orders/s-BZlr_TeGksPNT61SsWRL-sqMaKbyVa1/provisioningstatus`),
        self: link(`/customers/${C4}/orders/s-BZlr_TeGksPNT61SsWRL-sqMaKbyVa1`),
      },
      attributes: { objectType: 'Order' },
    },
  ],
  links: { self: link(`/customers/${C4}/orders`) },
  attributes: { objectType: 'Collection' },
};

/** Seed page 000's two orders, brackets fixed, placeholder replaced. */
const SEED_000_ITEMS = [
  {
    id: 'd6595733-265f-4918-a62e-026e64bc8384', referenceCustomerId: C0,
    lineItems: [{
      lineItemNumber: 0, offerId: '031C9E47-4802-4248-838E-778FB1D2CC05', friendlyName: 'nickname', quantity: 1,
      links: { subscription: link('/subscriptions?key=<key>') },
    }],
    status: 'none', creationDate: '2015-10-08T10: 42: 36.54-07: 00', attributes: { etag: '<etag>', objectType: 'Order' },
  },
  {
    id: 'b8fe2ddb-6e85-4f8b-a5ba-06c20ce6d6c5', referenceCustomerId: C0,
    lineItems: [{
      lineItemNumber: 0, offerId: '4271AA57-4129-477E-BA88-0A276D4A1619', quantity: 1,
      links: { subscription: link('/subscriptions?key=<key>') },
    }],
    status: 'none', creationDate: '2015-10-09T21: 53: 18.83-07: 00', attributes: { etag: '<etag>', objectType: 'Order' },
  },
];

let s: Started;
beforeAll(async () => { s = await start(); });
afterAll(async () => { await s.close(); });

const ids = (body: { items: { id: string }[] }) => body.items.map((o) => o.id);

describe('seed 004 customer', () => {
  it.each(['onetime', 'OneTime', 'one_time', 'ONE_TIME', 'oNe_TiMe'])('billingType=%s returns exactly the seed body', async (spelling) => {
    const r = await get(s.url, `/v1/customers/${C4}/orders?billingType=${spelling}`);
    expect(r.status).toBe(200);
    expect(r.body).toEqual(SEED_004_BODY);
    // Property order too, so the default answer is byte-for-byte the documented JSON.
    expect(r.text).toBe(JSON.stringify(SEED_004_BODY));
  });

  it('filters other cycles and lists everything without a filter', async () => {
    const all = await get(s.url, `/v1/customers/${C4}/orders`);
    expect(all.body.totalCount).toBe(5);
    const monthly = await get(s.url, `/v1/customers/${C4}/orders?billingType=Monthly`);
    expect(monthly.body.items.map((o: { billingCycle: string }) => o.billingCycle)).toEqual(['monthly', 'monthly']);
    expect((await get(s.url, `/v1/customers/${C4}/orders?billingType=annual`)).body.totalCount).toBe(1);
    expect((await get(s.url, `/v1/customers/${C4}/orders?billingType=Triennial`)).body).toMatchObject({ totalCount: 0, items: [] });
    expect((await get(s.url, `/v1/customers/${C4}/orders?billingType=`)).body.totalCount).toBe(5);
  });

  it('rejects an unknown billingType with 400 900126', async () => {
    const r = await get(s.url, `/v1/customers/${C4}/orders?billingType=weekly`);
    expect(r.status).toBe(400);
    expect(r.body).toEqual({ code: 900126, description: 'Unable to parse enum: weekly', data: [], source: 'PartnerFD' });
  });

  it('includes prices only with include_price=true (any case)', async () => {
    const plain = await get(s.url, `/v1/customers/${C4}/orders?include_price=false`);
    expect(plain.text).not.toContain('totalPrice');
    expect(plain.text).not.toContain('pricing');
    const priced = await get(s.url, `/v1/customers/${C4}/orders?billingType=OneTime&include_price=True`);
    expect(priced.body.items[0].totalPrice).toBe(477.13);
    expect(priced.body.items[0].lineItems[0].pricing).toMatchObject({ listPrice: 502.24, extendedPrice: 477.13 });
    const bad = await get(s.url, `/v1/customers/${C4}/orders?include_price=yes`);
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe(800002);
  });
});

describe('seed 000 customer', () => {
  it('serves both orders with every quirk kept', async () => {
    const r = await get(s.url, `/v1/customers/${C0}/orders`);
    expect(r.body.items).toEqual(SEED_000_ITEMS);
    expect(JSON.stringify(r.body.items)).toBe(JSON.stringify(SEED_000_ITEMS));
  });

  it('orders without billingCycle match only billingType=unknown', async () => {
    expect(ids((await get(s.url, `/v1/customers/${C0}/orders?billingType=Unknown`)).body)).toHaveLength(2);
    expect((await get(s.url, `/v1/customers/${C0}/orders?billingType=monthly`)).body.totalCount).toBe(0);
  });
});

describe('quirks customer', () => {
  it('matches odd spellings leniently and unknown cycles only as unknown', async () => {
    const base = `/v1/customers/${QUIRKS_CUSTOMER_ID}/orders`;
    expect(ids((await get(s.url, `${base}?billingType=monthly`)).body).sort()).toEqual(['f00d1b2c3d4e', 'f00d3d4e5f60']);
    expect(ids((await get(s.url, `${base}?billingType=unknown`)).body)).toEqual(['f00d0a1b2c3d']);
    const all = (await get(s.url, base)).body.items as Record<string, any>[];
    const byId = new Map(all.map((o) => [o.id as string, o]));
    expect(byId.get('f00d1b2c3d4e')?.billingCycle).toBe('Monthly');
    expect(byId.get('f00d2c3d4e5f')?.status).toBe('processing');
    expect(byId.get('f00d3d4e5f60')?.creationDate).toBe('not-a-date');
    expect(byId.get('c0ffee00-1234-4abc-8def-0123456789ab')).not.toHaveProperty('lineItems');
    expect(byId.get('f00d4e5f6071')?.lineItems).toEqual([]);
    const reservation = byId.get('Qk9-ZrT1_xYwV8uN3pLm5sHa7dJc2eGf0');
    expect(reservation?.lineItems[0].provisioningContext).toMatchObject({ scope: 'shared' });
    expect(reservation?.lineItems[1]).not.toHaveProperty('quantity');
  });
});

describe('delayed order (API-FACTS 3.3)', () => {
  it('is fetchable by id at once but listed only after 15 minutes', async () => {
    let clock = 1_000_000;
    const t = await start({ now: () => clock, customerCount: 0 });
    try {
      const list = () => get(t.url, `/v1/customers/${DELAYED_CUSTOMER_ID}/orders`).then((r) => ids(r.body));
      expect(await list()).toEqual(['d1e2a3b4c5f6']);
      expect((await get(t.url, `/v1/customers/${DELAYED_CUSTOMER_ID}/orders/${DELAYED_ORDER_ID}`)).status).toBe(200);
      clock += DELAYED_ORDER_LIST_DELAY_MS;
      expect(await list()).toEqual(['d1e2a3b4c5f6', DELAYED_ORDER_ID]);
    } finally {
      await t.close();
    }
  });
});
