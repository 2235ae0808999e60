/**
 * Hand-written orders of the well-known customers (besides the seed pages' own, see seed-orders.ts).
 * Fixed ids so the gateway's tests can name them; none of this depends on the seed.
 */
import {
  BILLING_ORDER_ID, DELAYED_CUSTOMER_ID, DELAYED_ORDER_ID, QUIRKS_CUSTOMER_ID, SEED_004_CUSTOMER_ID, SYSTEM_BILLING_ORDER_ID,
  SYSTEM_PURCHASE_ORDER_ID, UNAVAILABLE_ITEM_ORDER_ID, UNAVAILABLE_PRODUCT_ID,
} from './constants.js';
import { findProduct, findSku } from './catalog.js';
import { LEGACY_OFFERS, type Offer } from './offers.js';
import { buildOrder, type OrderSpec } from './order-builder.js';
import type { Order } from './types.js';
import { link } from './wire.js';

function nce(productId: string, skuId: string): Offer {
  const product = findProduct(productId);
  const sku = product && findSku(product, skuId);
  if (!product || !sku) throw new Error(`fixed order refers to missing SKU ${productId}/${skuId}`);
  return { kind: 'nce', product, sku };
}

function legacy(name: string): Offer {
  const found = LEGACY_OFFERS.find((o) => o.name === name);
  if (!found) throw new Error(`fixed order refers to missing legacy offer ${name}`);
  return { kind: 'legacy', legacy: found };
}

const USD = { currencyCode: 'USD', currencySymbol: '$' } as const;

/** Seed 004 customer's other orders: cycles other than one_time, so a billingType filter visibly filters. */
export function seed004ExtraOrders(): Order[] {
  const base = { customerId: SEED_004_CUSTOMER_ID, ...USD, status: 'completed', transactionType: 'UserPurchase' };
  const specs: OrderSpec[] = [
    {
      ...base, id: '5e8f2a9c4b71', alternateId: '5e8f2a9c4b71', billingCycle: 'monthly',
      creationDate: '2018-02-01T09:12:44.1200000Z', provisioningLink: true, patchLink: true,
      lines: [{
        offer: nce('CFQ7TTC0LH18', '0001'), subscriptionId: '6f1d2c3b-4a59-4e68-9d7c-1b2a3c4d5e01',
        friendlyName: 'Business Basic', quantity: 10, termDuration: 'P1M', transactionType: 'New',
      }],
    },
    {
      ...base, id: '0b6d3c8e1f24', alternateId: '0b6d3c8e1f24', billingCycle: 'annual',
      creationDate: '2018-01-10T16:30:00.000-08:00', provisioningLink: true, patchLink: true, etag: true,
      lines: [{
        offer: nce('CFQ7TTC0LFLX', '0001'), subscriptionId: '6f1d2c3b-4a59-4e68-9d7c-1b2a3c4d5e02',
        friendlyName: 'E3 - Head office', quantity: 25, termDuration: 'P1Y', transactionType: 'New',
        renewsTo: 'P1Y', productLink: true,
      }],
    },
    {
      ...base, id: 'a7c5e3f1-2d4b-4c6a-8e9f-0a1b2c3d4e5f', billingCycle: 'monthly',
      creationDate: '2017-11-20T11:05:09.3300000Z',
      lines: [{
        offer: legacy('Office 365 Enterprise E1'), subscriptionId: '6f1d2c3b-4a59-4e68-9d7c-1b2a3c4d5e03',
        friendlyName: 'E1 kiosk staff', quantity: 5, transactionType: 'New',
      }],
    },
  ];
  return specs.map(buildOrder);
}

/** Real-world messiness, one quirk per order; listed in src/simulator/README.md. */
export function quirksOrders(): Order[] {
  const c = QUIRKS_CUSTOMER_ID;
  const base = { customerId: c, status: 'completed', transactionType: 'UserPurchase', creationDate: '2023-06-01T09:30:00Z' };
  const nceBase = { ...base, provisioningLink: true, patchLink: true };
  const basic = nce('CFQ7TTC0LH18', '0001');
  const specs: OrderSpec[] = [
    // Unknown billing cycle string: matches only billingType=unknown.
    { ...nceBase, ...USD, id: 'f00d0a1b2c3d', alternateId: 'f00d0a1b2c3d', billingCycle: 'quarterly',
      lines: [{ offer: basic, subscriptionId: '8d2e4f60-1a3b-4c5d-8e6f-7a8b9c0d1e01', quantity: 3, termDuration: 'P1Y', transactionType: 'New' }] },
    // Odd-case cycle and line transactionType; line links to provisioning status without the customer prefix;
    // catalog links in another market (DE).
    { ...nceBase, id: 'f00d1b2c3d4e', alternateId: 'f00d1b2c3d4e', billingCycle: 'Monthly', currencyCode: 'EUR', currencySymbol: '€',
      lines: [{
        offer: nce('CFQ7TTC0LDPB', '0001'), subscriptionId: '8d2e4f60-1a3b-4c5d-8e6f-7a8b9c0d1e02', quantity: 7,
        termDuration: 'P1M', transactionType: 'renew',
        // Bought in the German market: the catalog is read there, whatever DEFAULT_COUNTRY says.
        links: {
          product: link('/products/CFQ7TTC0LDPB?country=DE'),
          sku: link('/products/CFQ7TTC0LDPB/skus/0001?country=DE'),
          provisioningStatus: link('/subscriptions/8d2e4f60-1a3b-4c5d-8e6f-7a8b9c0d1e02/provisioningstatus'),
        },
      }] },
    // Status that is not one of unknown/completed/pending/cancelled.
    { ...nceBase, ...USD, id: 'f00d2c3d4e5f', alternateId: 'f00d2c3d4e5f', billingCycle: 'annual', status: 'processing',
      lines: [{ offer: nce('CFQ7TTC0LCHC', '0002'), subscriptionId: '8d2e4f60-1a3b-4c5d-8e6f-7a8b9c0d1e03', quantity: 12, termDuration: 'P1Y', transactionType: 'Renew' }] },
    // creationDate that no parser accepts.
    { ...nceBase, ...USD, id: 'f00d3d4e5f60', alternateId: 'f00d3d4e5f60', billingCycle: 'monthly', creationDate: 'not-a-date',
      lines: [{ offer: basic, subscriptionId: '8d2e4f60-1a3b-4c5d-8e6f-7a8b9c0d1e04', quantity: 1, termDuration: 'P1M', transactionType: 'New' }] },
    // Reservation with provisioningContext, plus a line with no quantity (and no subscription yet).
    { ...base, ...USD, id: 'Qk9-ZrT1_xYwV8uN3pLm5sHa7dJc2eGf0', billingCycle: 'one_time', status: 'pending', provisioningLink: true,
      lines: [
        {
          offer: nce('DZH318Z0BQ4B', '000Z'), subscriptionId: '8d2e4f60-1a3b-4c5d-8e6f-7a8b9c0d1e05', quantity: 2,
          friendlyName: 'Reserved_VM_Instance_Standard_D1_AP_East_1_Year', termDuration: 'P1Y', transactionType: 'New',
          provisioningContext: { subscriptionId: '2b7c4d6e-8f90-4a1b-9c2d-3e4f5a6b7c8d', scope: 'shared', duration: '1Year' },
        },
        { offer: nce('DG7GMGF0FKZV', '0007'), transactionType: 'New' },
      ] },
    // Legacy order with no lineItems property at all, offset date.
    { ...base, ...USD, id: 'c0ffee00-1234-4abc-8def-0123456789ab', billingCycle: 'none', status: 'cancelled',
      creationDate: '2021-11-30T16:05:12.25-08:00' },
    // Empty lineItems; a currency symbol without a currency code.
    { ...nceBase, id: 'f00d4e5f6071', alternateId: 'f00d4e5f6071', billingCycle: 'annual', currencySymbol: '€', lines: [] },
    // Prices whose float sum is not the total (10.1 + 20.2 = 30.299999999999997; totalPrice is 30.3), a promotion,
    // a custom term end, an accepted attestation and a line with activation links.
    { ...nceBase, ...USD, id: BILLING_ORDER_ID, alternateId: BILLING_ORDER_ID, billingCycle: 'annual', creationDate: '2024-03-01T10:00:00Z',
      lines: [
        {
          offer: basic, subscriptionId: '8d2e4f60-1a3b-4c5d-8e6f-7a8b9c0d1e06', quantity: 2, termDuration: 'P1Y', transactionType: 'New',
          unitCents: { list: 600, discounted: 570, prorated: 505 }, promotionId: '39NFJQT1Q5KV', customTermEndDate: '2025-01-31T23:59:59Z',
          attestationAccepted: true, renewsTo: 'P1Y', productLink: true, activationLink: true,
        },
        {
          offer: nce('CFQ7TTC0LCHC', '0002'), subscriptionId: '8d2e4f60-1a3b-4c5d-8e6f-7a8b9c0d1e07', quantity: 1, termDuration: 'P1Y',
          transactionType: 'addQuantity', unitCents: { list: 2200, discounted: 2090, prorated: 2020 },
        },
      ] },
    // A catalog item Partner Center answers with 400072 "This item isn't available" in an HTTP 200.
    { ...base, ...USD, id: UNAVAILABLE_ITEM_ORDER_ID, alternateId: UNAVAILABLE_ITEM_ORDER_ID, billingCycle: 'one_time', creationDate: '2024-04-02T08:00:00Z',
      lines: [{ offer: nce(UNAVAILABLE_PRODUCT_ID, '0003'), quantity: 1, termDuration: 'P1Y', transactionType: 'New' }] },
  ];
  return specs.map(buildOrder);
}

/** DELAYED customer: one ordinary order, and DELAYED_ORDER_ID which lists only 15 minutes after start. */
export function delayedCustomerOrders(): Order[] {
  const base = { customerId: DELAYED_CUSTOMER_ID, ...USD, transactionType: 'UserPurchase', provisioningLink: true, patchLink: true };
  return [
    buildOrder({
      ...base, id: 'd1e2a3b4c5f6', alternateId: 'd1e2a3b4c5f6', billingCycle: 'monthly', status: 'completed',
      creationDate: '2024-05-02T08:00:00.0000000Z',
      // Its SKU link names no market, so the catalog is read in the `country` argument's or DEFAULT_COUNTRY's.
      lines: [{ offer: nce('CFQ7TTC0LCHC', '0002'), subscriptionId: '4c6e8a0b-2d4f-4a6b-8c0d-2e4f6a8b0c01', quantity: 4, termDuration: 'P1M', transactionType: 'New', country: null }],
    }),
    buildOrder({
      ...base, id: DELAYED_ORDER_ID, alternateId: DELAYED_ORDER_ID, billingCycle: 'annual', status: 'pending',
      creationDate: '2024-06-01T12:00:00.0000000Z',
      lines: [{ offer: nce('CFQ7TTC0LFLX', '0001'), quantity: 12, termDuration: 'P1Y', transactionType: 'New' }],
    }),
  ];
}

/**
 * Orders Partner Center made itself (transactionType SystemPurchase / SystemBilling): listed only with
 * include_system_purchases=true, fetchable by id always. The quirks customer's.
 */
export function quirksSystemOrders(): Order[] {
  const base = { customerId: QUIRKS_CUSTOMER_ID, ...USD, status: 'completed', provisioningLink: true, patchLink: true };
  return [
    buildOrder({
      ...base, id: SYSTEM_PURCHASE_ORDER_ID, alternateId: SYSTEM_PURCHASE_ORDER_ID, billingCycle: 'monthly', transactionType: 'SystemPurchase',
      creationDate: '2024-02-01T00:05:00Z',
      lines: [{ offer: nce('CFQ7TTC0LH18', '0001'), subscriptionId: '8d2e4f60-1a3b-4c5d-8e6f-7a8b9c0d1e08', quantity: 1, termDuration: 'P1M', transactionType: 'Renew' }],
    }),
    buildOrder({
      ...base, id: SYSTEM_BILLING_ORDER_ID, alternateId: SYSTEM_BILLING_ORDER_ID, billingCycle: 'annual', transactionType: 'SystemBilling',
      creationDate: '2024-02-15T00:05:00Z',
      lines: [{ offer: nce('CFQ7TTC0LFLX', '0001'), subscriptionId: '8d2e4f60-1a3b-4c5d-8e6f-7a8b9c0d1e09', quantity: 5, termDuration: 'P1Y', transactionType: 'Renew' }],
    }),
  ];
}
