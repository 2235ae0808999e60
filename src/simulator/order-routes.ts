/** Orders, order provisioning status and subscriptions of one customer (API-FACTS 3 and 6). Not paged. */
import { orderMatchesBillingType, parseBillingType } from './billing-cycle.js';
import type { CustomerRecord } from './data.js';
import { Faults, ok, type Reply } from './errors.js';
import { orderJson } from './order-builder.js';
import { provisioningItems } from './provisioning.js';
import type { RouteContext } from './route-context.js';
import type { Order } from './types.js';
import { collection } from './wire.js';

/** include_price: .NET sends True/False, Java true/false; anything else is rejected so client bugs show. */
function parseIncludePrice(raw: string | null): boolean | undefined {
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

function findOrder(record: CustomerRecord, orderId: string | undefined): Order | undefined {
  return record.orders.find((o) => o.id === orderId);
}

export function listOrders(ctx: RouteContext, record: CustomerRecord): Reply {
  const billing = parseBillingType(ctx.query.get('billingType'));
  if (!billing.ok) return Faults.unparsableEnum(billing.value);
  const includePrice = parseIncludePrice(ctx.query.get('include_price'));
  if (includePrice === undefined) return Faults.invalidInput('Invalid value for include_price');
  const items = record.orders
    .filter((o) => isListed(record, o, ctx.uptimeMs) && orderMatchesBillingType(o, billing.cycle))
    .map((o) => orderJson(o, includePrice));
  // Seed 004 shows the plain path as self link even when billingType was given.
  return ok(collection(items, `/customers/${record.customer.id}/orders`));
}

export function getOrder(ctx: RouteContext, record: CustomerRecord): Reply {
  const order = findOrder(record, ctx.route.orderId);
  if (!order) return Faults.orderNotFound();
  const includePrice = parseIncludePrice(ctx.query.get('include_price'));
  if (includePrice === undefined) return Faults.invalidInput('Invalid value for include_price');
  return ok(orderJson(order, includePrice));
}

export function getProvisioningStatus(ctx: RouteContext, record: CustomerRecord): Reply {
  const order = findOrder(record, ctx.route.orderId);
  if (!order) return Faults.orderNotFound();
  // The docs' example has no links on this collection, only totalCount/items/attributes.
  return ok(collection(provisioningItems(order, record.provisioningStatusCase)));
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
