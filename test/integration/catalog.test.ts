import { describe, expect, it } from 'vitest';
import { DEFAULT_PARTNER_ID, DELAYED_CUSTOMER_ID, SEED_004_CUSTOMER_ID } from '../../src/simulator/constants.js';
import { isListed } from '../../src/simulator/simulator.js';
import { callsOf, expectedSkuCalls, skuOf } from '../support/expected-calls.js';
import { withGateway } from '../support/gateway.js';
import { useGateway } from '../support/shared-gateway.js';

const A = SEED_004_CUSTOMER_ID;
const D = DELAYED_CUSTOMER_ID; // one monthly order: CFQ7TTC0LCHC:0002, its SKU link naming no market
const PREMIUM = '/v1/products/CFQ7TTC0LCHC/skus/0002';

const gw = useGateway({}, { clearFaults: true });

const lineItems = (data: unknown) =>
  ((data as { customer: { orders: { lineItems: Record<string, unknown>[] }[] } }).customer.orders).flatMap((o) => o.lineItems);

describe('OrderLineItem.sku and .product', () => {
  it('a single SKU is one GET by id in the default country, every field served', async () => {
    const { body } = await gw.query(`{ customer(id: "${D}") { orders { lineItems { sku { id productId title description minimumQuantity maximumQuantity isTrial supportedBillingCycles termsOfUseUri } } } } }`);
    expect(body.errors).toBeUndefined();
    expect(lineItems(body.data)).toEqual([{
      sku: {
        id: '0002', productId: 'CFQ7TTC0LCHC', title: 'Microsoft 365 Business Premium', description: 'Microsoft 365 Business Premium (new commerce licence)',
        minimumQuantity: 1, maximumQuantity: 300, isTrial: false, supportedBillingCycles: ['MONTHLY', 'ANNUAL', 'TRIENNIAL'], termsOfUseUri: null,
      },
    }]);
    expect(callsOf(gw)).toEqual([`/v1/customers/${D}/orders`, `${PREMIUM}?country=US`]);
  });

  it('several SKUs of one product cost one SKU list, even when their orders arrive at different times', async () => {
    // A's order list and another customer's order by id come back separately; the SKU calls wait for both.
    const linesOfA = gw.sim.data.findCustomer(A)!.orders.flatMap((o) => o.lineItems ?? []);
    const other = gw.sim.data.customersOf(DEFAULT_PARTNER_ID).slice(5).flatMap((r) => r.orders.map((order) => ({ customerId: r.customer.id, order })))
      .find(({ order }) => expectedSkuCalls([...linesOfA, ...(order.lineItems ?? [])]).some((call) => call.includes('/skus?')))!;
    const all = [...linesOfA, ...(other.order.lineItems ?? [])];
    const { body } = await gw.query(`{
      customer(id: "${A}") { orders { lineItems { sku { id title } } } }
      order(customerId: "${other.customerId}", id: "${other.order.id}") { lineItems { sku { id } } } }`);
    expect(body.errors).toBeUndefined();
    const data = body.data as { customer: { orders: { lineItems: { sku: { id: string } | null }[] }[] }; order: { lineItems: { sku: { id: string } | null }[] } };
    const skus = [...data.customer.orders.flatMap((o) => o.lineItems), ...data.order.lineItems].map((l) => l.sku?.id ?? null);
    expect(skus).toEqual(all.map((line) => skuOf(line)?.skuId ?? null));
    expect(callsOf(gw)).toEqual(
      [`/v1/customers/${A}/orders`, `/v1/customers/${other.customerId}/orders/${other.order.id}`, ...expectedSkuCalls(all)].sort(),
    );
  });

  it('the same SKU or product asked for twice (aliases, country in any case) is one call', async () => {
    const { body } = await gw.query(`{ customer(id: "${D}") { orders { lineItems {
      a: sku { title } b: sku(country: "us") { id } p: product { id } q: product(country: "Us") { title } } } } }`);
    expect(body.errors).toBeUndefined();
    expect(callsOf(gw)).toEqual([`/v1/customers/${D}/orders`, `${PREMIUM}?country=US`, '/v1/products/CFQ7TTC0LCHC?country=US'].sort());
  });

  it('products come from the product link or the SKU reference, once per product and country', async () => {
    const { body } = await gw.query(`{ customer(id: "${A}") { orders { lineItems { offerId product { id title productType { id subType { id displayName } } isMicrosoftProduct publisherName } } } } }`);
    expect(body.errors).toBeUndefined();
    const items = lineItems(body.data) as { offerId: string; product: { id: string; productType: unknown } | null }[];
    expect(items.map((i) => i.product?.id ?? null)).toEqual(items.map((i) => (i.offerId.includes(':') ? i.offerId.split(':')[0] : null)));
    expect(items[0]!.product).toMatchObject({ id: 'DZH318Z0BQ4B', productType: { id: 'Azure', subType: { id: 'VirtualMachines', displayName: 'VirtualMachines' } }, isMicrosoftProduct: true, publisherName: 'Microsoft Corporation' });
    const products = [...new Set(items.flatMap((i) => (i.product ? [i.product.id] : [])))];
    expect(callsOf(gw)).toEqual([`/v1/customers/${A}/orders`, ...products.map((p) => `/v1/products/${p}?country=US`)].sort());
  });

  it('legacy offers (GUID offerId) have no catalog item: null with no error and no call', async () => {
    const { body } = await gw.query(`{ customer(id: "${A}") { orders(billingCycle: MONTHLY) { lineItems { offerId sku { id } product { id } } } } }`);
    expect(body.errors).toBeUndefined();
    expect(lineItems(body.data)).toEqual([
      { offerId: 'CFQ7TTC0LH18:0001:CFQ7TTC0J1FV', sku: { id: '0001' }, product: { id: 'CFQ7TTC0LH18' } },
      { offerId: '91FD106F-4B2C-4938-95AC-F54F74E9A239', sku: null, product: null },
    ]);
    expect(callsOf(gw)).toEqual([`/v1/customers/${A}/orders?billingType=Monthly`, '/v1/products/CFQ7TTC0LH18/skus/0001?country=US', '/v1/products/CFQ7TTC0LH18?country=US'].sort());
  });
});

describe('country', () => {
  it('the argument picks the market when the line\'s link names none; a bad one is BAD_USER_INPUT with no catalog call', async () => {
    await gw.query(`{ customer(id: "${D}") { orders { lineItems { sku(country: "de") { id } } } } }`);
    expect(callsOf(gw)).toEqual([`/v1/customers/${D}/orders`, `${PREMIUM}?country=DE`]);
    for (const country of ['USA', 'u1', '../', '']) {
      gw.resetUpstream();
      const { body } = await gw.query(`query($c: String) { customer(id: "${D}") { orders { lineItems { quantity sku(country: $c) { id } } } } }`, { c: country });
      expect(lineItems(body.data)).toEqual([{ quantity: 4, sku: null }]);
      expect(body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'country' });
      expect(callsOf(gw)).toEqual([`/v1/customers/${D}/orders`]);
    }
  });

  it('DEFAULT_COUNTRY sets the market when there is no argument', async () => {
    await withGateway({ env: { DEFAULT_COUNTRY: 'gb' } }, async (gb) => {
      await gb.query(`{ customer(id: "${D}") { orders { lineItems { sku { id } product { id } } } } }`);
      expect(callsOf(gb)).toEqual([`/v1/customers/${D}/orders`, `${PREMIUM}?country=GB`, '/v1/products/CFQ7TTC0LCHC?country=GB'].sort());
    });
  });
});

describe('catalog errors', () => {
  it('404 400018 (SKU) and 400013 (product) are null with NOT_FOUND; the line stays', async () => {
    gw.sim.inject({ match: { route: 'sku' }, fault: { kind: 'status', status: 404, code: 400018, description: 'Sku was not found.' } });
    gw.sim.inject({ match: { route: 'product' }, fault: { kind: 'status', status: 404, code: 400013, description: 'Product was not found.' } });
    const { body } = await gw.query(`{ customer(id: "${D}") { orders { lineItems { quantity sku { id } product { id } } } } }`);
    expect(lineItems(body.data)).toEqual([{ quantity: 4, sku: null, product: null }]);
    expect(body.errors!.map((e) => [e.path!.at(-1), e.extensions!.code, (e.extensions!.upstream as { code: string }).code]).sort()).toEqual([
      ['product', 'NOT_FOUND', '400013'],
      ['sku', 'NOT_FOUND', '400018'],
    ]);
  });

  it('a catalog reference no catalog id could have is UPSTREAM_ERROR on that field, with no call', async () => {
    const order = { id: 'abc123def456', lineItems: [{ lineItemNumber: 0, offerId: 'CFQ7/../x:0001:Y' }] };
    gw.sim.inject({ match: { route: 'orders', customerId: D }, times: 1, fault: { kind: 'raw', status: 200, body: JSON.stringify({ totalCount: 1, items: [order] }) } });
    const { body } = await gw.query(`{ customer(id: "${D}") { orders { lineItems { sku { id } } } } }`);
    expect(lineItems(body.data)).toEqual([{ sku: null }]);
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'UPSTREAM_ERROR', field: 'catalog reference' });
    expect(callsOf(gw)).toEqual([`/v1/customers/${D}/orders`]);
  });
});

// Keeps the import honest: D's annual order is not listed yet, which the expectations above rely on.
it('the delayed customer lists only its monthly order', () => {
  const record = gw.sim.data.findCustomer(D)!;
  expect(record.orders.filter((o) => isListed(record, o, 0)).map((o) => o.billingCycle)).toEqual(['monthly']);
});
