import { billingTypeQueryValue, type BillingCycle } from './billing-cycle.js';
import { commerceCalls, type CommerceCalls } from './commerce-calls.js';
import { customerListCalls, type CustomerListCalls } from './customer-list-calls.js';
import { v1Path, type CallContext, type GetJson } from '../transport/http.js';
import { isGuid, isOrderId, normalizeGuid, requireId } from './ids.js';
import { invoiceCalls, type InvoiceCalls } from './invoice-calls.js';
import { expectCollection, expectItems, expectResource } from './response-shapes.js';
import type { ActivationLinkDto, CustomerDto, CustomerOrder, OrderDto, ProvisioningStatusDto } from './types.js';

/** What an order list asks for beyond the customer (get-all-of-a-customer-s-orders, API-FACTS 10). */
export interface OrderListQuery {
  /** Sent as `billingType` in the .NET SDK's spelling; `unknown` is never sent. */
  readonly billingCycle?: BillingCycle;
  /** `include_price=true`: `totalPrice` and line `pricing`. Sent only when true. */
  readonly includePrice?: boolean;
  /** `include_system_purchases=true`: also SystemPurchase/SystemBilling orders. Sent only when true. */
  readonly includeSystemPurchases?: boolean;
}

/** The Partner Center REST API, one method per call. Knows HTTP and JSON, nothing of GraphQL. */
export interface PartnerCenterClient extends CustomerListCalls, CommerceCalls, InvoiceCalls {
  /** GET /v1/customers/{id} */
  getCustomer(call: CallContext, customerId: string): Promise<CustomerDto>;
  /**
   * GET /v1/customers/{id}/orders[?billingType=…]. Not paged (API-FACTS 0.4). `billingCycle` is sent
   * in the .NET SDK's spelling; `unknown` has no confirmed server meaning and is refused here.
   */
  listOrders(call: CallContext, customerId: string, query?: OrderListQuery): Promise<CustomerOrder[]>;
  /** GET /v1/customers/{id}/orders/{orderId}[?include_price=true]: visible at once, unlike the lists (up to 15 minutes late). */
  getOrder(call: CallContext, customerId: string, orderId: string, includePrice?: boolean): Promise<CustomerOrder>;
  /** GET /v1/customers/{id}/orders/{orderId}/lineitems/{n}/activationlinks (get-activation-link-by-order-line-item). */
  getActivationLinks(call: CallContext, customerId: string, orderId: string, lineItemNumber: number): Promise<ActivationLinkDto[]>;
  /** GET /v1/customers/{id}/orders/{orderId}/provisioningstatus: one item per line (API-FACTS 3.4). */
  getProvisioningStatus(call: CallContext, customerId: string, orderId: string): Promise<ProvisioningStatusDto[]>;
}

/** The client over any `getJson`: upstream.ts gives it the transport wrapped in resilience and single-flight. */
export function createClientOver(getJson: GetJson): PartnerCenterClient {
  return {
    ...customerListCalls(getJson),
    ...commerceCalls(getJson),
    ...invoiceCalls(getJson),

    async getCustomer(call, customerId) {
      const target = v1Path('/customers/{id}', { id: requireGuid(customerId) });
      return expectResource<CustomerDto>(await getJson(call, target), target, 'customer');
    },

    async listOrders(call, customerId, { billingCycle, includePrice = false, includeSystemPurchases = false } = {}) {
      const query: Record<string, string> = {};
      if (billingCycle !== undefined) {
        const value = billingTypeQueryValue(billingCycle);
        if (value === undefined) throw new TypeError(`billingType ${billingCycle} is not sent upstream`);
        query.billingType = value;
      }
      if (includePrice) query.include_price = 'true';
      if (includeSystemPurchases) query.include_system_purchases = 'true';
      const target = v1Path('/customers/{id}/orders', { id: requireGuid(customerId) }, Object.keys(query).length ? query : undefined);
      const orders = expectCollection<OrderDto>(await getJson(call, target), target, 'order');
      const owner = normalizeGuid(customerId);
      return orders.map((order) => ({ ...order, customerId: owner, priced: includePrice }));
    },

    async getOrder(call, customerId, orderId, includePrice = false) {
      const query = includePrice ? { include_price: 'true' } : undefined;
      const target = v1Path('/customers/{id}/orders/{orderId}', { id: requireGuid(customerId), orderId: requireOrderId(orderId) }, query);
      return ownedBy(expectResource<OrderDto>(await getJson(call, target), target, 'order'), customerId, includePrice);
    },

    async getActivationLinks(call, customerId, orderId, lineItemNumber) {
      if (!Number.isSafeInteger(lineItemNumber) || lineItemNumber < 0) throw new TypeError('line item number must be a non-negative integer');
      const target = v1Path('/customers/{id}/orders/{orderId}/lineitems/{line}/activationlinks', {
        id: requireGuid(customerId),
        orderId: requireOrderId(orderId),
        line: String(lineItemNumber),
      });
      return expectItems<ActivationLinkDto>(await getJson(call, target), target, 'activation link');
    },

    async getProvisioningStatus(call, customerId, orderId) {
      const target = v1Path('/customers/{id}/orders/{orderId}/provisioningstatus', {
        id: requireGuid(customerId),
        orderId: requireOrderId(orderId),
      });
      return expectItems<ProvisioningStatusDto>(await getJson(call, target), target, 'provisioning status');
    },
  };
}

function ownedBy(order: OrderDto, customerId: string, priced: boolean): CustomerOrder {
  return { ...order, customerId: normalizeGuid(customerId), priced };
}

// Callers validate first and answer BAD_USER_INPUT; reaching these with a bad id is a programming error.
const requireGuid = (id: string) => requireId(id, isGuid, 'customer id');
const requireOrderId = (id: string) => requireId(id, isOrderId, 'order id');
