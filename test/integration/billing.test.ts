import { describe, expect, it } from 'vitest';
import {
  BILLING_ORDER_ID, QUIRKS_CUSTOMER_ID, SYSTEM_BILLING_ORDER_ID, SYSTEM_PURCHASE_ORDER_ID, UNAVAILABLE_ITEM_ORDER_ID,
} from '../../src/simulator/constants.js';
import { dataOf } from '../support/data-of.js';
import { callsOf } from '../support/expected-calls.js';
import { withGateway } from '../support/gateway.js';
import { useGateway } from '../support/shared-gateway.js';

const Q = QUIRKS_CUSTOMER_ID;
const ORDERS = `/v1/customers/${Q}/orders`;
const SYSTEM = [SYSTEM_PURCHASE_ORDER_ID, SYSTEM_BILLING_ORDER_ID];

const gw = useGateway();

type Orders = { id: string; transactionType?: string; totalPrice?: { amount: string; currency: string | null } | null }[];
const ordersOf = (data: unknown, field = 'orders') => (data as { customer: Record<string, Orders> }).customer[field]!;
const userOrderIds = () => gw.sim.data.findCustomer(Q)!.orders.map((o) => o.id);

describe('prices: include_price=true only when a price field is selected', () => {
  it('no price field, no include_price', async () => {
    const { body } = await gw.query(`{ customer(id: "${Q}") { orders { id } } }`);
    expect(body.errors).toBeUndefined();
    expect(callsOf(gw)).toEqual([ORDERS]);
  });

  it('Order.totalPrice: one priced list call; exact decimals in the order\'s currency', async () => {
    const { body } = await gw.query(`{ customer(id: "${Q}") { orders { id totalPrice { amount currency } } } }`);
    expect(body.errors).toBeUndefined();
    expect(callsOf(gw)).toEqual([`${ORDERS}?include_price=true`]);
    const billing = ordersOf(body.data).find((o) => o.id === BILLING_ORDER_ID);
    // 10.1 + 20.2 is 30.299999999999997 as floats: the total is passed on exactly, never summed.
    expect(billing?.totalPrice).toEqual({ amount: '30.3', currency: 'USD' });
    // An order without lines costs nothing and has no currency code.
    expect(ordersOf(body.data).find((o) => o.id === 'f00d4e5f6071')?.totalPrice).toEqual({ amount: '0', currency: null });
  });

  it('priced and unpriced asks for one customer share one priced call (aliases, fragments, line pricing)', async () => {
    const { body } = await gw.query(`
      query { customer(id: "${Q}") { a: orders { id } b: orders { ...P } } }
      fragment P on Order { lineItems { pricing { extendedPrice { amount } } } }`);
    expect(body.errors).toBeUndefined();
    expect(callsOf(gw)).toEqual([`${ORDERS}?include_price=true`]);
    expect(ordersOf(body.data, 'a').map((o) => o.id)).toEqual(userOrderIds());
  });

  it('a price field under @skip(if: true) asks for no price', async () => {
    await gw.query(`query($s: Boolean!) { customer(id: "${Q}") { orders { id totalPrice @skip(if: $s) { amount } } } }`, { s: true });
    expect(callsOf(gw)).toEqual([ORDERS]);
  });

  it('one document asks for prices as its variables say, each time it runs (the selection is not remembered across them)', async () => {
    const document = `query($s: Boolean!) { customer(id: "${Q}") { orders { id totalPrice @skip(if: $s) { amount } } } }`;
    for (const s of [true, false, true, false]) {
      gw.resetUpstream();
      dataOf(await gw.query(document, { s }));
      expect(callsOf(gw)).toEqual([s ? ORDERS : `${ORDERS}?include_price=true`]);
    }
  });

  it('one document without directives asks for prices every time it runs, compiled or not', async () => {
    const priced = `{ customer(id: "${Q}") { orders { id lineItems { pricing { price { amount } } } } } }`;
    const unpriced = `{ customer(id: "${Q}") { orders { id lineItems { offerId } } } }`;
    for (let run = 0; run < 12; run++) {
      gw.resetUpstream();
      dataOf(await gw.query(priced));
      expect(callsOf(gw)).toEqual([`${ORDERS}?include_price=true`]);
      gw.resetUpstream();
      dataOf(await gw.query(unpriced));
      expect(callsOf(gw)).toEqual([ORDERS]);
    }
  });

  it('order(customerId, id): every pricing amount, exactly', async () => {
    const amounts = 'listPrice { amount currency } discountedPrice { amount } proratedPrice { amount } price { amount } extendedPrice { amount }';
    const { body } = await gw.query(`{ order(customerId: "${Q}", id: "${BILLING_ORDER_ID}") { totalPrice { amount } lineItems { quantity pricing { ${amounts} } } } }`);
    expect(body.errors).toBeUndefined();
    expect(callsOf(gw)).toEqual([`${ORDERS}/${BILLING_ORDER_ID}?include_price=true`]);
    expect(body.data).toEqual({
      order: {
        totalPrice: { amount: '30.3' },
        lineItems: [
          { quantity: 2, pricing: { listPrice: { amount: '6', currency: 'USD' }, discountedPrice: { amount: '5.7' }, proratedPrice: { amount: '5.05' }, price: { amount: '5.05' }, extendedPrice: { amount: '10.1' } } },
          { quantity: 1, pricing: { listPrice: { amount: '22', currency: 'USD' }, discountedPrice: { amount: '20.9' }, proratedPrice: { amount: '20.2' }, price: { amount: '20.2' }, extendedPrice: { amount: '20.2' } } },
        ],
      },
    });
  });

  it('Customer.order(id) without a price field: no include_price; with one, served from the priced list of the request', async () => {
    await gw.query(`{ customer(id: "${Q}") { order(id: "${BILLING_ORDER_ID}") { id } } }`);
    expect(callsOf(gw)).toEqual([`${ORDERS}/${BILLING_ORDER_ID}`]);
    gw.resetUpstream();
    const { body } = await gw.query(`{ customer(id: "${Q}") { orders { totalPrice { amount } } order(id: "${BILLING_ORDER_ID}") { totalPrice { amount } } } }`);
    expect(dataOf(body).customer.order).toEqual({ totalPrice: { amount: '30.3' } });
    expect(callsOf(gw)).toEqual([`${ORDERS}?include_price=true`]);
  });
});

describe('system purchases: includeSystemPurchases (default false)', () => {
  it('by default (and with false) no flag is sent and no system purchase is listed', async () => {
    for (const args of ['', '(includeSystemPurchases: false)']) {
      gw.resetUpstream();
      const { body } = await gw.query(`{ customer(id: "${Q}") { orders${args} { id transactionType } } }`);
      expect(callsOf(gw)).toEqual([ORDERS]);
      expect(ordersOf(body.data).map((o) => o.id)).toEqual(userOrderIds());
      expect(new Set(ordersOf(body.data).map((o) => o.transactionType))).toEqual(new Set(['USER_PURCHASE']));
    }
  });

  it('true sends include_system_purchases=true and lists them, as enums', async () => {
    const { body } = await gw.query(`{ customer(id: "${Q}") { orders(includeSystemPurchases: true) { id transactionType } } }`);
    expect(callsOf(gw)).toEqual([`${ORDERS}?include_system_purchases=true`]);
    expect(ordersOf(body.data).slice(-2)).toEqual([
      { id: SYSTEM_PURCHASE_ORDER_ID, transactionType: 'SYSTEM_PURCHASE' },
      { id: SYSTEM_BILLING_ORDER_ID, transactionType: 'SYSTEM_BILLING' },
    ]);
  });

  it('with and without, on one customer: one call with the flag, filtered here', async () => {
    const { body } = await gw.query(`{ customer(id: "${Q}") { a: orders { id } b: orders(includeSystemPurchases: true) { id } } }`);
    expect(callsOf(gw)).toEqual([`${ORDERS}?include_system_purchases=true`]);
    expect(ordersOf(body.data, 'a').map((o) => o.id)).toEqual(userOrderIds());
    expect(ordersOf(body.data, 'b').map((o) => o.id)).toEqual([...userOrderIds(), ...SYSTEM]);
  });

  it('a cycle, system purchases and prices: the superset call answers all three', async () => {
    const { body } = await gw.query(`{ customer(id: "${Q}") {
      m: orders(billingCycle: MONTHLY) { id } s: orders(includeSystemPurchases: true) { id totalPrice { amount } } } }`);
    expect(body.errors).toBeUndefined();
    expect(callsOf(gw)).toEqual([`${ORDERS}?include_price=true&include_system_purchases=true`]);
    expect(ordersOf(body.data, 'm').map((o) => o.id)).toEqual(['f00d1b2c3d4e', 'f00d3d4e5f60']);
  });

  it('one cycle with system purchases is one filtered call', async () => {
    const { body } = await gw.query(`{ customer(id: "${Q}") { orders(billingCycle: MONTHLY, includeSystemPurchases: true) { id } } }`);
    expect(callsOf(gw)).toEqual([`${ORDERS}?billingType=Monthly&include_system_purchases=true`]);
    expect(ordersOf(body.data).map((o) => o.id)).toEqual(['f00d1b2c3d4e', 'f00d3d4e5f60', SYSTEM_PURCHASE_ORDER_ID]);
  });
});

describe('protocol headers and locale', () => {
  const everything = `{ customer(id: "${Q}") { companyProfile { companyName } subscriptions { id }
    orders { id provisioningStatus { status } lineItems { sku { id } } } order(id: "${BILLING_ORDER_ID}") { lineItems { activationLinks { lineItemNumber } } } } }`;

  it('every call carries MS-Contract-Version: v1 and X-Locale (en-US without Accept-Language)', async () => {
    await gw.query(everything);
    const upstream = gw.upstream();
    // The profile, subscriptions, order list, provisioning status, catalog and activation link routes all went out.
    for (const route of [/^\/v1\/customers\/[^/]+$/, /\/subscriptions$/, /\/orders$/, /\/provisioningstatus$/, /^\/v1\/products\//, /\/activationlinks$/]) {
      expect(upstream.some((c) => route.test(c.path)), String(route)).toBe(true);
    }
    for (const call of upstream) expect([call.path, call.headers['ms-contract-version'], call.headers['x-locale']]).toEqual([call.path, 'v1', 'en-US']);
  });

  it('X-Locale follows Accept-Language (q-values, fallback by language), and localizes catalog text', async () => {
    const query = `{ order(customerId: "${Q}", id: "f00d1b2c3d4e") { lineItems { sku { title } product { description } } } }`;
    const { body } = await gw.query(query, undefined, { 'accept-language': 'en;q=0.4, de-AT;q=0.8, de-DE;q=0.9' });
    expect(body.data).toEqual({ order: { lineItems: [{ sku: { title: 'Microsoft 365 Business Standard (Deutschland)' }, product: { description: 'Desktopversionen der Microsoft 365-Apps mit Geschäftsdiensten.' } }] } });
    expect(gw.upstream().map((c) => c.headers['x-locale'])).toEqual(['de-DE', 'de-DE', 'de-DE']);
    gw.resetUpstream();
    const french = await gw.query(query, undefined, { 'accept-language': 'fr-NL' }); // not supported: fr-FR
    expect(dataOf<{ order: { lineItems: { sku: { title: string } }[] } }>(french).order.lineItems[0]!.sku.title).toBe('Microsoft 365 Business Standard (France)');
    expect(new Set(gw.upstream().map((c) => c.headers['x-locale']))).toEqual(new Set(['fr-FR']));
  });

  it('identical operations in flight with different Accept-Language are never shared (each gets its own locale)', async () => {
    const query = `{ customer(id: "${Q}") { orders { id } } }`;
    await Promise.all([
      gw.query(query, undefined, { 'accept-language': 'de-DE' }),
      gw.query(query, undefined, { 'accept-language': 'ja-JP' }),
      gw.query(query, undefined, { 'accept-language': 'de-DE' }),
    ]);
    const locales = gw.upstream().map((c) => c.headers['x-locale']);
    expect(new Set(locales)).toEqual(new Set(['de-DE', 'ja-JP']));
    expect(locales.filter((l) => l === 'ja-JP')).toHaveLength(1);
  });

  it('DEFAULT_LOCALE is sent when Accept-Language names no supported locale', async () => {
    await withGateway({ env: { DEFAULT_LOCALE: 'fr-fr' } }, async (other) => {
      await other.query(`{ customer(id: "${Q}") { orders { id } } }`, undefined, { 'accept-language': 'xx-YY, *;q=0.5' });
      expect(other.upstream().map((c) => c.headers['x-locale'])).toEqual(['fr-FR']);
    });
  });
});

describe('catalog market and a fault in a 200', () => {
  it('the line\'s own link market (DE) wins over the argument and DEFAULT_COUNTRY', async () => {
    await gw.query(`{ order(customerId: "${Q}", id: "f00d1b2c3d4e") { lineItems { sku(country: "FR") { id } product(country: "FR") { id } } } }`);
    expect(callsOf(gw)).toEqual([`${ORDERS}/f00d1b2c3d4e`, '/v1/products/CFQ7TTC0LDPB/skus/0001?country=DE', '/v1/products/CFQ7TTC0LDPB?country=DE'].sort());
  });

  it('400072 "This item isn\'t available" answered with HTTP 200 is NOT_FOUND on that field; the line stays', async () => {
    const { body } = await gw.query(`{ order(customerId: "${Q}", id: "${UNAVAILABLE_ITEM_ORDER_ID}") { lineItems { quantity sku { id } product { id } } } }`);
    expect(body.data).toEqual({ order: { lineItems: [{ quantity: 1, sku: null, product: null }] } });
    const description = "This item isn't available. To learn more, see Azure in Cloud Solution Provider (CSP).";
    expect(body.errors!.map((e) => [e.path!.at(-1), e.extensions!.code, (e.extensions!.upstream as Record<string, unknown>)]).sort()).toEqual([
      ['product', 'NOT_FOUND', expect.objectContaining({ status: 200, code: '400072', description })],
      ['sku', 'NOT_FOUND', expect.objectContaining({ status: 200, code: '400072', description })],
    ]);
    expect(callsOf(gw)).toEqual([`${ORDERS}/${UNAVAILABLE_ITEM_ORDER_ID}`, '/v1/products/DZH318Z0BXWC/skus/0003?country=US', '/v1/products/DZH318Z0BXWC?country=US'].sort());
  });
});

describe('the documented fields', () => {
  it('order lines: transactionType enum, renewsTo, promotionId, customTermEndDate, attestationAccepted, activation links (one call per line)', async () => {
    const { body } = await gw.query(`{ order(customerId: "${Q}", id: "${BILLING_ORDER_ID}") { transactionType lineItems {
      transactionType renewsTo { termDuration } promotionId customTermEndDate attestationAccepted
      activationLinks { lineItemNumber link { uri method headers { key } } } } } }`);
    expect(body.errors).toBeUndefined();
    const [first, second] = (body.data as { order: { lineItems: Record<string, unknown>[] } }).order.lineItems;
    expect(first).toEqual({
      transactionType: 'NEW', renewsTo: { termDuration: 'P1Y' }, promotionId: '39NFJQT1Q5KV', customTermEndDate: '2025-01-31T23:59:59Z', attestationAccepted: true,
      activationLinks: [{ lineItemNumber: 0, link: { uri: expect.stringMatching(/^https:\/\/activate\.simulator\.invalid\/f00d5f607182\/0\?token=/), method: 'GET', headers: [] } }],
    });
    expect(second).toEqual({ transactionType: 'ADD_QUANTITY', renewsTo: null, promotionId: null, customTermEndDate: null, attestationAccepted: null, activationLinks: [] });
    expect(dataOf(body).order.transactionType).toBe('USER_PURCHASE');
    expect(callsOf(gw)).toEqual([`${ORDERS}/${BILLING_ORDER_ID}`, `${ORDERS}/${BILLING_ORDER_ID}/lineitems/0/activationlinks`, `${ORDERS}/${BILLING_ORDER_ID}/lineitems/1/activationlinks`].sort());
  });

  it('Address.middleName', async () => {
    const { body } = await gw.query(`{ customer(id: "${Q}") { billingProfile { defaultAddress { firstName middleName } } } }`);
    expect(body.data).toEqual({ customer: { billingProfile: { defaultAddress: { firstName: expect.any(String), middleName: 'Maria' } } } });
  });

  it('Subscription: the documented properties, each as Partner Center sent it', async () => {
    const id = '8d2e4f60-1a3b-4c5d-8e6f-7a8b9c0d1e06';
    const { body } = await gw.query(`{ order(customerId: "${Q}", id: "${BILLING_ORDER_ID}") { lineItems { subscription {
      id entitlementId parentSubscriptionId migratedFromSubscriptionId billingType publisherName isMicrosoftProduct actions partnerId suspensionReasons
      contractType renewalTermDuration productType { id } consumptionType promotionId cancellationAllowedUntilDate billingCycleEndDate
      hasPurchasableAddons attentionNeeded actionTaken refundableQuantity { totalQuantity details { quantity allowedUntilDateTime } }
      refundOptions { type } links { self { uri } activationLinks { uri } offer { uri } } } } } }`);
    expect(body.errors).toBeUndefined();
    const subscription = (body.data as { order: { lineItems: { subscription: Record<string, unknown> }[] } }).order.lineItems[0]!.subscription;
    expect(subscription).toEqual({
      id, entitlementId: null, parentSubscriptionId: null, migratedFromSubscriptionId: null, billingType: 'LICENSE', publisherName: 'Microsoft Corporation',
      isMicrosoftProduct: true, actions: ['EDIT', 'CANCEL'], partnerId: null, suspensionReasons: null, contractType: 'SUBSCRIPTION',
      renewalTermDuration: 'P1Y', productType: { id: 'OnlineServicesNCE' }, consumptionType: 'None', promotionId: '39NFJQT1Q5KV',
      cancellationAllowedUntilDate: '2024-03-08T10:00:00.000Z', billingCycleEndDate: '2025-02-28T00:00:00Z',
      hasPurchasableAddons: false, attentionNeeded: false, actionTaken: false,
      refundableQuantity: { totalQuantity: 2, details: [{ quantity: 2, allowedUntilDateTime: '2024-03-08T10:00:00.000Z' }] },
      refundOptions: null,
      links: {
        self: { uri: `/customers/${Q}/subscriptions/${id}` },
        activationLinks: { uri: `/customers/${Q}/orders/${BILLING_ORDER_ID}/lineitems/0/activationlinks` },
        offer: null,
      },
    });
  });
});
