/**
 * Subscriptions are derived from order line items (API-FACTS 6): every line item with a subscriptionId has a
 * subscription with that id, orderId, offerId and quantity, so the gateway can join either way.
 */
import { orderBillingCycle } from './billing-cycle.js';
import { commitmentEnd, dayStart, parseInstant } from './dates.js';
import { isTrialOffer, offerName, resolveOffer, type Offer } from './offers.js';
import type { Order, OrderLineItem, Subscription } from './types.js';
import { compact, etagFor, link } from './wire.js';

/** Used when an order's creationDate cannot be parsed (seed 000 and the quirks customer have such dates). */
const FALLBACK_INSTANT = Date.UTC(2020, 0, 1);
/** The far-future commitment end the docs show for subscriptions that never renew. */
const NEVER_ENDS = '9999-12-10T00:00:00Z';

function statusFor(orderStatus: string | undefined): string {
  switch (orderStatus?.toLowerCase()) {
    case 'completed': return 'active';
    case 'pending':
    case 'processing': return 'pending';
    case 'cancelled': return 'suspended';
    default: return 'none';
  }
}

function skuKind(offer: Offer | undefined): string {
  return offer?.kind === 'nce' ? offer.sku.kind : 'license';
}

function linksFor(customerId: string, id: string, li: OrderLineItem, offer: Offer | undefined): Subscription['links'] {
  const self = link(`/customers/${customerId}/subscriptions/${id}`);
  const activationLinks = li.links?.activationLinks;
  if (offer?.kind !== 'nce') return compact({ offer: link(`/offers/${li.offerId}`), activationLinks, self });
  const sku = `/products/${offer.product.id}/skus/${offer.sku.id}`;
  return compact({
    product: link(`/products/${offer.product.id}`),
    sku: link(sku),
    availability: link(`${sku}/availabilities/${offer.sku.availabilityId}`),
    activationLinks,
    self,
  });
}

/** New-commerce licences: cancellable and refundable for 7 days (168 hours) after purchase. */
const CANCELLATION_WINDOW_MS = 7 * 86_400_000;

function newCommerceTerms(li: OrderLineItem, instant: number, status: string, kind: string, cycle: string): Partial<Subscription> {
  if (kind !== 'license') return {};
  const until = new Date(instant + CANCELLATION_WINDOW_MS).toISOString();
  const active = status === 'active';
  const periodEnd = commitmentEnd(instant, cycle === 'annual' ? 'P1Y' : cycle === 'triennial' ? 'P3Y' : 'P1M');
  return {
    actions: active ? ['edit', 'cancel'] : [],
    suspensionReasons: status === 'suspended' ? ['CustomerCancellation'] : undefined,
    renewalTermDuration: li.renewsTo?.termDuration ?? '',
    consumptionType: 'None',
    promotionId: li.promotionId,
    cancellationAllowedUntilDate: until,
    billingCycleEndDate: dayStart(periodEnd),
    refundableQuantity: active
      ? { totalQuantity: li.quantity ?? 1, details: [{ quantity: li.quantity ?? 1, allowedUntilDateTime: until }] }
      : undefined,
  };
}

function subscriptionFor(customerId: string, order: Order, li: OrderLineItem, id: string): Subscription {
  const offer = resolveOffer(li.offerId);
  const kind = skuKind(offer);
  const instant = parseInstant(order.creationDate) ?? FALLBACK_INSTANT;
  const status = statusFor(order.status);
  const name = offer ? offerName(offer) : li.offerId;
  const trial = offer ? isTrialOffer(offer) : false;
  return compact<Subscription>({
    id,
    offerId: li.offerId,
    offerName: name,
    friendlyName: li.friendlyName ?? name,
    quantity: li.quantity ?? 1,
    unitType: kind === 'reservation' ? 'none' : 'Licenses',
    hasPurchasableAddons: false,
    creationDate: new Date(instant).toISOString(),
    effectiveStartDate: dayStart(instant),
    commitmentEndDate: kind === 'software' ? NEVER_ENDS : dayStart(commitmentEnd(instant, li.termDuration)),
    status,
    autoRenewEnabled: status === 'active' && !trial && (kind === 'license' || kind === 'trial'),
    isTrial: trial,
    billingType: kind === 'license' || kind === 'trial' ? 'license' : 'none',
    billingCycle: orderBillingCycle(order),
    termDuration: li.termDuration,
    isMicrosoftProduct: true,
    partnerId: li.partnerIdOnRecord,
    ...newCommerceTerms(li, instant, status, offer?.kind === 'nce' ? kind : 'legacy', orderBillingCycle(order)),
    attentionNeeded: false,
    actionTaken: false,
    contractType: kind === 'software' ? 'productKey' : 'subscription',
    orderId: order.id,
    productType: offer?.kind === 'nce' ? offer.product.productType : undefined,
    publisherName: 'Microsoft Corporation',
    links: linksFor(customerId, id, li, offer),
    attributes: { etag: etagFor(id), objectType: 'Subscription' },
  });
}

export function deriveSubscriptions(customerId: string, orders: readonly Order[]): Subscription[] {
  const out: Subscription[] = [];
  for (const order of orders) {
    for (const li of order.lineItems ?? []) {
      if (li.subscriptionId !== undefined) out.push(subscriptionFor(customerId, order, li, li.subscriptionId));
    }
  }
  return out;
}
