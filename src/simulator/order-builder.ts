/**
 * Turns a compact description of an order into Partner Center's Order JSON (API-FACTS 3), with the docs'
 * property order and absent properties left out. Used by the generator and by the hand-written fixed orders.
 */
import { orderBillingCycle } from './billing-cycle.js';
import { offerIdOfOffer, unitPriceOf, type Offer } from './offers.js';
import type { LineItemPricing, Order, OrderLineItem, OrderLineItemLinks } from './types.js';
import { compact, etagFor, link } from './wire.js';

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
  /** Market named by the catalog links (`?country=`); null: links without one (as in the docs' legacy example). Default US. */
  country?: string | null;
  /** Per-unit prices in cents (list, discounted, prorated), instead of the catalog's. */
  unitCents?: { list: number; discounted: number; prorated: number };
  promotionId?: string;
  customTermEndDate?: string;
  attestationAccepted?: boolean;
  /** The line has activation links (links.activationLinks and GET …/lineitems/{n}/activationlinks). */
  activationLink?: boolean;
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

/**
 * Prices are worked out in whole cents, so the lines' extendedPrice adds up to totalPrice exactly; each amount
 * goes on the wire as cents / 100, the closest double, which JSON writes as the exact decimal.
 */
function pricingCents(spec: OrderSpec, line: LineSpec): Required<LineItemPricing> {
  const months = PERIOD_MONTHS[orderBillingCycle(spec)] ?? 1;
  const list = line.unitCents?.list ?? Math.round(unitPriceOf(line.offer) * 100) * months;
  const discounted = line.unitCents?.discounted ?? Math.round((list * 95) / 100);
  const prorated = line.unitCents?.prorated ?? discounted;
  return { listPrice: list, discountedPrice: discounted, proratedPrice: prorated, price: prorated, extendedPrice: prorated * (line.quantity ?? 1) };
}

const inUnits = (cents: Required<LineItemPricing>): LineItemPricing => ({
  listPrice: cents.listPrice / 100,
  discountedPrice: cents.discountedPrice / 100,
  proratedPrice: cents.proratedPrice / 100,
  price: cents.price / 100,
  extendedPrice: cents.extendedPrice / 100,
});

function lineLinks(spec: OrderSpec, line: LineSpec, index: number): OrderLineItemLinks | undefined {
  const activationLinks = line.activationLink ? link(`/customers/${spec.customerId}/orders/${spec.id}/lineitems/${index}/activationlinks`) : undefined;
  if (line.links) return compact({ ...line.links, activationLinks });
  const { offer } = line;
  if (offer.kind === 'legacy') {
    if (line.subscriptionId === undefined) return activationLinks && { activationLinks };
    return compact({ subscription: link(`/customers/${spec.customerId}/subscriptions/${line.subscriptionId}`), activationLinks });
  }
  const productUri = `/products/${offer.product.id}`;
  const market = line.country === null ? '' : `?country=${line.country ?? 'US'}`;
  return compact({
    product: line.productLink ? link(`${productUri}${market}`) : undefined,
    sku: link(`${productUri}/skus/${offer.sku.id}${market}`),
    activationLinks,
  });
}

function lineItem(spec: OrderSpec, line: LineSpec, index: number, cents: Required<LineItemPricing>): OrderLineItem {
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
    promotionId: line.promotionId,
    customTermEndDate: line.customTermEndDate,
    attestationAccepted: line.attestationAccepted,
    pricing: inUnits(cents),
    links: lineLinks(spec, line, index),
  });
}

export function buildOrder(spec: OrderSpec): Order {
  const self = `/customers/${spec.customerId}/orders/${spec.id}`;
  const cents = spec.lines?.map((line) => pricingCents(spec, line));
  const lineItems = spec.lines?.map((line, i) => lineItem(spec, line, i, cents![i]!));
  const totalCents = cents?.reduce((sum, c) => sum + c.extendedPrice, 0);
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
    totalPrice: totalCents === undefined ? undefined : totalCents / 100,
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
