/**
 * Turns a compact description of an order into Partner Center's Order JSON (API-FACTS 3), with the docs'
 * property order and absent properties left out. Used by the generator and by the hand-written fixed orders.
 */
import { orderBillingCycle } from './billing-cycle.js';
import { offerIdOfOffer, unitPriceOf, type Offer } from './offers.js';
import type { LineItemPricing, Order, OrderLineItem, OrderLineItemLinks } from './types.js';
import { compact, etagFor, link, round2 } from './wire.js';

export interface LineSpec {
  offer: Offer;
  /** undefined leaves the property out (a real-world quirk the gateway must survive). */
  quantity?: number;
  subscriptionId?: string;
  friendlyName?: string;
  termDuration?: string;
  transactionType?: string;
  partnerIdOnRecord?: string;
  provisioningContext?: Record<string, string>;
  renewsTo?: string;
  /** New commerce: also link the product, not only the SKU. */
  productLink?: boolean;
  /** Replaces the links the builder would derive. */
  links?: OrderLineItemLinks;
}

export interface OrderSpec {
  id: string;
  alternateId?: string;
  customerId: string;
  billingCycle?: string;
  currencyCode?: string;
  currencySymbol?: string;
  /** undefined leaves `lineItems` out entirely. */
  lines?: LineSpec[];
  creationDate: string;
  status: string;
  transactionType?: string;
  etag?: boolean;
  client?: boolean;
  provisioningLink?: boolean;
  patchLink?: boolean;
}

/** Months billed per period for licence offers; one_time prices are per purchase. */
const PERIOD_MONTHS: Readonly<Record<string, number>> = {
  monthly: 1, annual: 12, triennial: 36, biennial: 24, none: 0, one_time: 1, unknown: 1,
};

function pricing(spec: OrderSpec, line: LineSpec): LineItemPricing {
  const months = PERIOD_MONTHS[orderBillingCycle(spec)] ?? 1;
  const listPrice = round2(unitPriceOf(line.offer) * months);
  const price = round2(listPrice * 0.95);
  return { listPrice, discountedPrice: price, price, extendedPrice: round2(price * (line.quantity ?? 1)) };
}

function lineLinks(spec: OrderSpec, line: LineSpec): OrderLineItemLinks | undefined {
  if (line.links) return line.links;
  const { offer } = line;
  if (offer.kind === 'legacy') {
    if (line.subscriptionId === undefined) return undefined;
    return { subscription: link(`/customers/${spec.customerId}/subscriptions/${line.subscriptionId}`) };
  }
  const productUri = `/products/${offer.product.id}`;
  return compact({
    product: line.productLink ? link(`${productUri}?country=US`) : undefined,
    sku: link(`${productUri}/skus/${offer.sku.id}?country=US`),
  });
}

function lineItem(spec: OrderSpec, line: LineSpec, index: number): OrderLineItem {
  return compact<OrderLineItem>({
    lineItemNumber: index,
    offerId: offerIdOfOffer(line.offer),
    subscriptionId: line.subscriptionId,
    friendlyName: line.friendlyName,
    quantity: line.quantity,
    termDuration: line.termDuration,
    transactionType: line.transactionType,
    partnerIdOnRecord: line.partnerIdOnRecord,
    provisioningContext: line.provisioningContext,
    renewsTo: line.renewsTo === undefined ? undefined : { termDuration: line.renewsTo },
    pricing: pricing(spec, line),
    links: lineLinks(spec, line),
  });
}

export function buildOrder(spec: OrderSpec): Order {
  const self = `/customers/${spec.customerId}/orders/${spec.id}`;
  const lineItems = spec.lines?.map((line, i) => lineItem(spec, line, i));
  const total = lineItems?.reduce((sum, li) => sum + (li.pricing?.extendedPrice ?? 0), 0);
  return compact<Order>({
    id: spec.id,
    alternateId: spec.alternateId,
    referenceCustomerId: spec.customerId,
    billingCycle: spec.billingCycle,
    currencyCode: spec.currencyCode,
    currencySymbol: spec.currencySymbol,
    lineItems,
    creationDate: spec.creationDate,
    status: spec.status,
    transactionType: spec.transactionType,
    totalPrice: total === undefined ? undefined : round2(total),
    client: spec.client ? {} : undefined,
    links: compact({
      provisioningStatus: spec.provisioningLink ? link(`${self}/provisioningstatus`) : undefined,
      self: link(self),
      patchOperation: spec.patchLink ? link(self, 'PATCH') : undefined,
    }),
    attributes: compact({ etag: spec.etag ? etagFor(spec.id) : undefined, objectType: 'Order' }),
  });
}

/**
 * The order as served: pricing (totalPrice, line-item `pricing`) only with include_price=true (API-FACTS 3.1).
 * Copies rather than mutates, keeping the stored order's property order.
 */
export function orderJson(order: Order, includePrice: boolean): Order {
  if (includePrice) return order;
  const { totalPrice: _total, ...rest } = order;
  if (rest.lineItems === undefined) return rest;
  return { ...rest, lineItems: rest.lineItems.map(({ pricing: _p, ...li }) => li) };
}
