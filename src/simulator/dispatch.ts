/**
 * Runs a matched /v1 route for an authenticated partner. Every /customers/{id}/... route first checks the id:
 * not a GUID → 400 900118, unknown → 404 60003, another partner's → 403 20002.
 */
import { catalogRoute } from './catalog-routes.js';
import { getCustomer, listCustomers } from './customer-routes.js';
import type { CustomerRecord } from './data.js';
import { Faults, type Reply } from './errors.js';
import { getActivationLinks, getOrder, getProvisioningStatus, getSubscription, listOrders, listSubscriptions } from './order-routes.js';
import { invoiceRoute } from './invoice-routes.js';
import type { RouteContext } from './route-context.js';
import { isInvoiceRoute } from './routes.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isGuid(text: string): boolean {
  return GUID.test(text);
}

function resolveCustomer(ctx: RouteContext, customerId: string): CustomerRecord | Reply {
  if (!isGuid(customerId)) return Faults.invalidCustomerId();
  const record = ctx.data.findCustomer(customerId);
  if (!record) return Faults.tenantNotFound();
  return record.partnerId === ctx.partnerId ? record : Faults.noRelationship();
}

export function dispatch(ctx: RouteContext): Reply {
  const { route } = ctx;
  if (route.name === 'customers') return listCustomers(ctx);
  if (isInvoiceRoute(route.name)) return invoiceRoute(ctx);
  if (route.customerId === undefined) return catalogRoute(ctx);
  const record = resolveCustomer(ctx, route.customerId);
  if ('status' in record) return record;
  switch (route.name) {
    case 'customer': return getCustomer(record);
    case 'orders': return listOrders(ctx, record);
    case 'order': return getOrder(ctx, record);
    case 'provisioning': return getProvisioningStatus(ctx, record);
    case 'activationlinks': return getActivationLinks(ctx, record);
    case 'subscriptions': return listSubscriptions(ctx, record);
    case 'subscription': return getSubscription(ctx, record);
    default: return Faults.routeNotFound();
  }
}
