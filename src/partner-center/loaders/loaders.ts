import DataLoader from 'dataloader';
import pLimit from 'p-limit';
import { asError } from './batch-error.js';
import { createCatalogLoaders, type CatalogLoaders } from './catalog-loaders.js';
import type { PartnerCenterClient } from '../client/client.js';
import type { FirstCustomerPage } from '../client/customer-list-calls.js';
import type { CallContext } from '../transport/http.js';
import { createInvoiceLoaders, type InvoiceLoaders } from './invoice-loaders.js';
import { normalizeGuid } from '../client/ids.js';
import { createLineItemGate } from './line-item-gate.js';
import type { FollowedLink } from '../client/link-path.js';
import { createOrderLoaders, type OrderKey, type OrderLoaders } from './order-loaders.js';
import { createSubscriptionLoaders, type SubscriptionLoaders } from './subscription-loaders.js';
import type { CustomerDto, CustomerPage, ProvisioningStatusDto } from '../client/types.js';

/** A page of GET /v1/customers: the first one (size and filter), or the one a `links.next` points at. */
export type CustomerPageKey = { readonly first: FirstCustomerPage } | { readonly next: FollowedLink };

/**
 * The loaders of ONE GraphQL request, bound to its caller. Created per request and never shared, so
 * one caller's cached or in-flight data can never reach another.
 */
export interface Loaders extends OrderLoaders, SubscriptionLoaders, CatalogLoaders, InvoiceLoaders {
  /** GET /v1/customers/{id}, keyed by tenant id (case-insensitive). */
  readonly customer: DataLoader<string, CustomerDto, string>;
  /** GET /v1/customers pages; the same page asked twice in a request is fetched once. */
  readonly customerPage: DataLoader<CustomerPageKey, CustomerPage, string>;
  /** GET …/orders/{orderId}/provisioningstatus, once per order per request. */
  readonly provisioningStatus: DataLoader<OrderKey, ProvisioningStatusDto[], string>;
}

export interface LoaderOptions {
  /** Upstream calls this request may have in flight at once. */
  concurrency: number;
}

export function createLoaders(client: PartnerCenterClient, call: CallContext, options: LoaderOptions): Loaders {
  const limit = pLimit(options.concurrency);
  // Order lists and customer pages carry line items: the joins on line items wait for them (line-item-gate.ts).
  const gate = createLineItemGate();
  const orderKey = (key: OrderKey) => `${normalizeGuid(key.customerId)}|${key.orderId}`;
  return {
    customer: new DataLoader<string, CustomerDto, string>(
      (ids) => Promise.all(ids.map((id) => limit(() => client.getCustomer(call, id)).catch(asError))),
      { cacheKeyFn: normalizeGuid },
    ),
    customerPage: new DataLoader<CustomerPageKey, CustomerPage, string>(
      (keys) =>
        gate.track(
          Promise.all(
            keys.map((key) =>
              limit(() => ('first' in key ? client.listCustomers(call, key.first) : client.nextCustomers(call, key.next))).catch(asError),
            ),
          ),
        ),
      { cacheKeyFn: (key) => JSON.stringify(key) },
    ),
    ...createOrderLoaders(client, call, limit, gate),
    provisioningStatus: new DataLoader<OrderKey, ProvisioningStatusDto[], string>(
      (keys) => Promise.all(keys.map((key) => limit(() => client.getProvisioningStatus(call, key.customerId, key.orderId)).catch(asError))),
      { cacheKeyFn: orderKey },
    ),
    ...createSubscriptionLoaders(client, call, limit, gate),
    ...createCatalogLoaders(client, call, limit, gate),
    ...createInvoiceLoaders(client, call, limit),
  };
}
