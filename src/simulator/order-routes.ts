/** Orders, order provisioning status and subscriptions of one customer (API-FACTS 3 and 6). Not paged. */
import { orderMatchesBillingType, parseBillingType } from './billing-cycle.js';
import type { CustomerRecord } from './data.js';
import { Faults, ok, type Reply } from './errors.js';
import { orderJson } from './order-builder.js';
import { provisioningItems } from './provisioning.js';
import type { RouteContext } from './route-context.js';
import type { ActivationLink, Order } from './types.js';
import { collection, etagFor, link } from './wire.js';

/** include_price / include_system_purchases: .NET sends True/False, Java true/false; anything else is rejected so client bugs show. */
function parseFlag(raw: string | null): boolean | undefined {
  if (raw === null || raw === '') return false;
  const lower = raw.toLowerCase();
  if (lower === 'true') return true;
  return lower === 'false' ? false : undefined;
}

/** Whether an order already shows up in lists: some appear only after a delay (API-FACTS 3.3). */
export function isListed(record: CustomerRecord, order: Order, uptimeMs: number): boolean {
  const delay = record.listDelayMs[order.id];
  return delay === undefined || uptimeMs >= delay;
}

/** By id, any order: system purchases too (include_system_purchases only filters lists). */
function findOrder(record: CustomerRecord, orderId: string | undefined): Order | undefined {
  return record.orders.find((o) => o.id === orderId) ?? record.systemOrders.find((o) => o.id === orderId);
}

export function listOrders(ctx: RouteContext, record: CustomerRecord): Reply {
  const billing = parseBillingType(ctx.query.get('billingType'));
  if (!billing.ok) return Faults.unparsableEnum(billing.value);
  const includePrice = parseFlag(ctx.query.get('include_price'));
  if (includePrice === undefined) return Faults.invalidInput('Invalid value for include_price');
  const includeSystem = parseFlag(ctx.query.get('include_system_purchases'));
  if (includeSystem === undefined) return Faults.invalidInput('Invalid value for include_system_purchases');
  const items = (includeSystem ? [...record.orders, ...record.systemOrders] : record.orders)
    .filter((o) => isListed(record, o, ctx.uptimeMs) && orderMatchesBillingType(o, billing.cycle))
    .map((o) => orderJson(o, includePrice));
  // Seed 004 shows the plain path as self link even when billingType was given.
  return ok(collection(items, `/customers/${record.customer.id}/orders`));
}

export function getOrder(ctx: RouteContext, record: CustomerRecord): Reply {
  const order = findOrder(record, ctx.route.orderId);
  if (!order) return Faults.orderNotFound();
  const includePrice = parseFlag(ctx.query.get('include_price'));
  if (includePrice === undefined) return Faults.invalidInput('Invalid value for include_price');
  return ok(orderJson(order, includePrice));
}

export function getProvisioningStatus(ctx: RouteContext, record: CustomerRecord): Reply {
  const order = findOrder(record, ctx.route.orderId);
  if (!order) return Faults.orderNotFound();
  // The docs' example has no links on this collection, only totalCount/items/attributes.
  return ok(collection(provisioningItems(order, record.provisioningStatusCase)));
}

/**
 * GET …/orders/{orderId}/lineitems/{n}/activationlinks (get-activation-link-by-order-line-item): one link for a
 * line with `links.activationLinks`, an empty collection for any other line; a number that is no line of the
 * order is 400 800071 (error-codes.md).
 */
export function getActivationLinks(ctx: RouteContext, record: CustomerRecord): Reply {
  const order = findOrder(record, ctx.route.orderId);
  if (!order) return Faults.orderNotFound();
  const raw = ctx.route.lineItemNumber ?? '';
  const line = /^\d{1,6}$/.test(raw) ? order.lineItems?.find((li) => li.lineItemNumber === Number(raw)) : undefined;
  if (!line) return Faults.lineItemOutOfRange();
  const self = `/customers/${record.customer.id}/orders/${order.id}/lineitems/${line.lineItemNumber}/activationlinks`;
  const items: ActivationLink[] = line.links?.activationLinks
    ? [{ lineItemNumber: line.lineItemNumber, link: link(`https://activate.simulator.invalid/${order.id}/${line.lineItemNumber}?token=${etagFor(order.id)}`) }]
    : [];
  return ok(collection(items, self));
}

export function listSubscriptions(ctx: RouteContext, record: CustomerRecord): Reply {
  const orderId = ctx.query.get('order_id');
  const items = record.subscriptions.filter((s) => !orderId || s.orderId === orderId);
  return ok(collection([...items], `/customers/${record.customer.id}/subscriptions`));
}

export function getSubscription(ctx: RouteContext, record: CustomerRecord): Reply {
  const id = ctx.route.subscriptionId ?? '';
  const subscription = record.subscriptions.find((s) => s.id.toLowerCase() === id.toLowerCase());
  return subscription ? ok(subscription) : Faults.subscriptionNotFound(id);
}
