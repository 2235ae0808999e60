import DataLoader from 'dataloader';
import { Limiter, type Limit } from '../../concurrency/limiter.js';
import { asError } from './batch-error.js';
import { createCatalogLoaders, type CatalogLoaders } from './catalog-loaders.js';
import type { PartnerCenterClient } from '../client/client.js';
import type { FirstCustomerPage } from '../client/customer-list-calls.js';
import type { CallContext } from '../transport/http.js';
import { createInvoiceLoaders, type InvoiceLoaders } from './invoice-loaders.js';
import { normalizeGuid } from '../client/ids.js';
import { createLineItemGate, type LineItemGate } from './line-item-gate.js';
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

/** The request's loaders, each made on first use: a request reads one or two resources of the dozen. */
export function createLoaders(client: PartnerCenterClient, call: CallContext, options: LoaderOptions): Loaders {
  return new RequestLoaders(client, call, options.concurrency);
}

/** One order, whatever the case of its customer's id. */
const orderKey = (key: OrderKey): string => `${normalizeGuid(key.customerId)}|${key.orderId}`;

class RequestLoaders implements Loaders {
  #limit: Limit | undefined;
  #gate: LineItemGate | undefined;
  #customer: Loaders['customer'] | undefined;
  #customerPage: Loaders['customerPage'] | undefined;
  #provisioningStatus: Loaders['provisioningStatus'] | undefined;
  #orderGroup: OrderLoaders | undefined;
  #subscriptionGroup: SubscriptionLoaders | undefined;
  #catalogGroup: CatalogLoaders | undefined;
  #invoiceGroup: InvoiceLoaders | undefined;

  constructor(
    private readonly client: PartnerCenterClient,
    private readonly call: CallContext,
    private readonly concurrency: number,
  ) {}

  /** Every upstream call of the request passes here: at most `concurrency` in flight at once. */
  private get limit(): Limit {
    return (this.#limit ??= new Limiter(this.concurrency).run);
  }

  /** Order lists and customer pages carry line items: the joins on line items wait for them (line-item-gate.ts). */
  private get gate(): LineItemGate {
    return (this.#gate ??= createLineItemGate());
  }

  get customer(): Loaders['customer'] {
    return (this.#customer ??= new DataLoader<string, CustomerDto, string>(
      (ids) => Promise.all(ids.map((id) => this.limit(() => this.client.getCustomer(this.call, id)).catch(asError))),
      { cacheKeyFn: normalizeGuid },
    ));
  }

  get customerPage(): Loaders['customerPage'] {
    return (this.#customerPage ??= new DataLoader<CustomerPageKey, CustomerPage, string>(
      (keys) => this.gate.track(Promise.all(keys.map((key) => this.limit(() => this.pageOf(key)).catch(asError)))),
      { cacheKeyFn: (key) => JSON.stringify(key) },
    ));
  }

  get provisioningStatus(): Loaders['provisioningStatus'] {
    return (this.#provisioningStatus ??= new DataLoader<OrderKey, ProvisioningStatusDto[], string>(
      (keys) => Promise.all(keys.map((key) => this.limit(() => this.client.getProvisioningStatus(this.call, key.customerId, key.orderId)).catch(asError))),
      { cacheKeyFn: orderKey },
    ));
  }

  get orders(): OrderLoaders['orders'] { return this.orderGroup.orders; }
  get order(): OrderLoaders['order'] { return this.orderGroup.order; }
  get activationLinks(): OrderLoaders['activationLinks'] { return this.orderGroup.activationLinks; }
  get subscriptions(): SubscriptionLoaders['subscriptions'] { return this.subscriptionGroup.subscriptions; }
  get subscription(): SubscriptionLoaders['subscription'] { return this.subscriptionGroup.subscription; }
  get product(): CatalogLoaders['product'] { return this.catalogGroup.product; }
  get sku(): CatalogLoaders['sku'] { return this.catalogGroup.sku; }
  get invoicePage(): InvoiceLoaders['invoicePage'] { return this.invoiceGroup.invoicePage; }
  get invoice(): InvoiceLoaders['invoice'] { return this.invoiceGroup.invoice; }
  get invoiceLines(): InvoiceLoaders['invoiceLines'] { return this.invoiceGroup.invoiceLines; }
  get unbilledLines(): InvoiceLoaders['unbilledLines'] { return this.invoiceGroup.unbilledLines; }
  get invoiceSummaries(): InvoiceLoaders['invoiceSummaries'] { return this.invoiceGroup.invoiceSummaries; }

  private pageOf(key: CustomerPageKey): Promise<CustomerPage> {
    return 'first' in key ? this.client.listCustomers(this.call, key.first) : this.client.nextCustomers(this.call, key.next);
  }

  // Loaders made together share state (the order lists a request has, the line items the joins wait for).
  private get orderGroup(): OrderLoaders {
    return (this.#orderGroup ??= createOrderLoaders(this.client, this.call, this.limit, this.gate));
  }

  private get subscriptionGroup(): SubscriptionLoaders {
    return (this.#subscriptionGroup ??= createSubscriptionLoaders(this.client, this.call, this.limit, this.gate));
  }

  private get catalogGroup(): CatalogLoaders {
    return (this.#catalogGroup ??= createCatalogLoaders(this.client, this.call, this.limit, this.gate));
  }

  private get invoiceGroup(): InvoiceLoaders {
    return (this.#invoiceGroup ??= createInvoiceLoaders(this.client, this.call, this.limit));
  }
}
