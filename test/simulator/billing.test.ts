import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BILLING_ORDER_ID, QUIRKS_CUSTOMER_ID, SYSTEM_BILLING_ORDER_ID, SYSTEM_PURCHASE_ORDER_ID,
} from '../../src/simulator/simulator.js';
import { AUTH, get, start, type Started } from './helpers.js';

let s: Started;
beforeAll(async () => { s = await start(); });
afterAll(() => s.close());

const Q = `/v1/customers/${QUIRKS_CUSTOMER_ID}`;
const ids = (body: { items: { id: string }[] }) => body.items.map((o) => o.id);

describe('system purchases (include_system_purchases, default false)', () => {
  it('lists SystemPurchase/SystemBilling orders only with the flag; by id always', async () => {
    const plain = await get(s.url, `${Q}/orders`);
    expect(ids(plain.body)).not.toContain(SYSTEM_PURCHASE_ORDER_ID);
    expect(plain.body.items.map((o: { transactionType: string }) => o.transactionType)).toEqual(plain.body.items.map(() => 'UserPurchase'));
    const all = await get(s.url, `${Q}/orders?include_system_purchases=True`);
    expect(ids(all.body)).toEqual([...ids(plain.body), SYSTEM_PURCHASE_ORDER_ID, SYSTEM_BILLING_ORDER_ID]);
    const monthly = await get(s.url, `${Q}/orders?billingType=Monthly&include_system_purchases=true`);
    expect(ids(monthly.body)).toEqual(['f00d1b2c3d4e', 'f00d3d4e5f60', SYSTEM_PURCHASE_ORDER_ID]);
    expect((await get(s.url, `${Q}/orders/${SYSTEM_BILLING_ORDER_ID}`)).body.transactionType).toBe('SystemBilling');
    expect((await get(s.url, `${Q}/orders?include_system_purchases=maybe`)).status).toBe(400);
  });
});

describe('prices (include_price=true)', () => {
  it('add up in cents: the lines\' extendedPrice sum to totalPrice exactly', async () => {
    const { body, text } = await get(s.url, `${Q}/orders/${BILLING_ORDER_ID}?include_price=true`);
    expect(body.totalPrice).toBe(30.3);
    expect(body.lineItems.map((li: { pricing: unknown }) => li.pricing)).toEqual([
      { listPrice: 6, discountedPrice: 5.7, proratedPrice: 5.05, price: 5.05, extendedPrice: 10.1 },
      { listPrice: 22, discountedPrice: 20.9, proratedPrice: 20.2, price: 20.2, extendedPrice: 20.2 },
    ]);
    // A float sum of the lines is not the total: a client must not add them as floats.
    expect(10.1 + 20.2).not.toBe(30.3);
    expect(text).toContain('"totalPrice":30.3');
    expect(body.lineItems[0]).toMatchObject({ promotionId: '39NFJQT1Q5KV', customTermEndDate: '2025-01-31T23:59:59Z', attestationAccepted: true, renewsTo: { termDuration: 'P1Y' } });
  });
});

describe('activation links (GET …/lineitems/{n}/activationlinks)', () => {
  it('serves one link for a line that has them, none for another, 800071 for a line that does not exist', async () => {
    const base = `${Q}/orders/${BILLING_ORDER_ID}/lineitems`;
    const one = await get(s.url, `${base}/0/activationlinks`);
    expect(one.status).toBe(200);
    expect(one.body.items).toEqual([{ lineItemNumber: 0, link: { uri: expect.stringMatching(/^https:\/\/activate\.simulator\.invalid\//), method: 'GET', headers: [] } }]);
    expect((await get(s.url, `${base}/1/activationlinks`)).body).toMatchObject({ totalCount: 0, items: [] });
    const missing = await get(s.url, `${base}/7/activationlinks`);
    expect([missing.status, missing.body.code]).toEqual([400, 800071]);
  });
});

describe('X-Locale', () => {
  it('localizes catalog titles and descriptions, en-US without a translation or header', async () => {
    const path = '/v1/products/CFQ7TTC0LDPB/skus/0001?country=DE';
    expect((await get(s.url, path, { ...AUTH, 'x-locale': 'de-DE' })).body.title).toBe('Microsoft 365 Business Standard (Deutschland)');
    expect((await get(s.url, path, { ...AUTH, 'x-locale': 'fr-fr' })).body.title).toBe('Microsoft 365 Business Standard (France)');
    expect((await get(s.url, path, { ...AUTH, 'x-locale': 'ja-JP' })).body.title).toBe('Microsoft 365 Business Standard');
    expect((await get(s.url, path)).body.title).toBe('Microsoft 365 Business Standard');
  });
});
