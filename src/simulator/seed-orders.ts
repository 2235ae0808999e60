/**
 * The orders printed in the two seed pages (/work/shared/seeds), kept exactly as printed, property order included.
 * Only additions: `pricing`/`totalPrice` on seed 004 (served only with include_price=true, so the default answer
 * is byte-for-byte the documented one) and seed 000's `<customer-tenant-id>` replaced by SEED_000_CUSTOMER_ID.
 */
import { SEED_000_CUSTOMER_ID, SEED_004_CUSTOMER_ID } from './constants.js';
import type { Order } from './types.js';
import { link } from './wire.js';

const C4 = SEED_004_CUSTOMER_ID;

function seed004Order(
  id: string, offerId: string, friendlyName: string, skuUri: string, creationDate: string, price: [number, number],
): Order {
  const [listPrice, discounted] = price;
  return {
    id,
    referenceCustomerId: C4,
    billingCycle: 'one_time',
    currencyCode: 'USD',
    lineItems: [
      {
        lineItemNumber: 0,
        offerId,
        friendlyName,
        quantity: 1,
        pricing: { listPrice, discountedPrice: discounted, price: discounted, extendedPrice: discounted },
        links: { sku: link(skuUri) },
      },
    ],
    totalPrice: discounted,
    creationDate,
    status: 'pending',
    links: {
      provisioningStatus: link(`/customers/${C4}/orders/${id}/provisioningstatus`),
      self: link(`/customers/${C4}/orders/${id}`),
    },
    attributes: { objectType: 'Order' },
  };
}

/** Seed 004: the customer's only two one_time orders. */
export function seed004Orders(): Order[] {
  return [
    seed004Order(
      '9qg-ErcO-4MPbPqq_3MIQaS7bn8W6HfG1', 'DZH318Z0BQ4B:000Z:DZH318Z0DSPL',
      'Reserved_VM_Instance_Standard_D1_AP_East_1_Year', '/products/DZH318Z0BQ4B/skus/000Z?country=US',
      '2018-03-15T02:17:15.6455674Z', [502.24, 477.13],
    ),
    seed004Order(
      's-BZlr_TeGksPNT61SsWRL-sqMaKbyVa1', 'DZH318Z0BQ4Z:002P:DZH318Z0CL2D',
      'Reserved_VM_Instance_Standard_NC12_AU_East_3_Years', '/products/DZH318Z0BQ4Z/skus/002P?country=US',
      '2018-03-15T01:42:36.8440279Z', [31545, 29967.75],
    ),
  ];
}

/**
 * Seed 000, quirks intact: no billingCycle or currencyCode, status "none", creationDate with spaces, a
 * subscription link `/subscriptions?key=<key>`, etag `<etag>`, no friendlyName on the second order's line.
 */
export function seed000Orders(): Order[] {
  const subscriptionLink = { subscription: link('/subscriptions?key=<key>') };
  return [
    {
      id: 'd6595733-265f-4918-a62e-026e64bc8384',
      referenceCustomerId: SEED_000_CUSTOMER_ID,
      lineItems: [
        {
          lineItemNumber: 0,
          offerId: '031C9E47-4802-4248-838E-778FB1D2CC05',
          friendlyName: 'nickname',
          quantity: 1,
          links: subscriptionLink,
        },
      ],
      status: 'none',
      creationDate: '2015-10-08T10: 42: 36.54-07: 00',
      attributes: { etag: '<etag>', objectType: 'Order' },
    },
    {
      id: 'b8fe2ddb-6e85-4f8b-a5ba-06c20ce6d6c5',
      referenceCustomerId: SEED_000_CUSTOMER_ID,
      lineItems: [
        {
          lineItemNumber: 0,
          offerId: '4271AA57-4129-477E-BA88-0A276D4A1619',
          quantity: 1,
          links: { subscription: link('/subscriptions?key=<key>') },
        },
      ],
      status: 'none',
      creationDate: '2015-10-09T21: 53: 18.83-07: 00',
      attributes: { etag: '<etag>', objectType: 'Order' },
    },
  ];
}
