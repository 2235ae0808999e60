import { billingTypeQueryValue, type BillingCycle } from './billing-cycle.js';
import { commerceCalls, type CommerceCalls } from './commerce-calls.js';
import { customerListCalls, type CustomerListCalls } from './customer-list-calls.js';
import { v1Path, type CallContext, type GetJson } from './http.js';
import { isGuid, isOrderId, normalizeGuid, requireId } from './ids.js';
import { invoiceCalls, type InvoiceCalls } from './invoice-calls.js';
import { expectCollection, expectItems, expectResource } from './response-shapes.js';
import type { CustomerDto, CustomerOrder, OrderDto, ProvisioningStatusDto } from './types.js';

/** The Partner Center REST API, one method per call. Knows HTTP and JSON, nothing of GraphQL. */
export interface PartnerCenterClient extends CustomerListCalls, CommerceCalls, InvoiceCalls {
  /** GET /v1/customers/{id} */
  getCustomer(call: CallContext, customerId: string): Promise<CustomerDto>;
  /**
   * GET /v1/customers/{id}/orders[?billingType=…]. Not paged (API-FACTS 0.4). `billingCycle` is sent
   * in the .NET SDK's spelling; `unknown` has no confirmed server meaning and is refused here.
   */
  listOrders(call: CallContext, customerId: string, billingCycle?: BillingCycle): Promise<CustomerOrder[]>;
  /** GET /v1/customers/{id}/orders/{orderId}: visible at once, unlike the lists (up to 15 minutes late). */
  getOrder(call: CallContext, customerId: string, orderId: string): Promise<CustomerOrder>;
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

    async listOrders(call, customerId, billingCycle) {
      let query: Record<string, string> | undefined;
      if (billingCycle !== undefined) {
        const value = billingTypeQueryValue(billingCycle);
        if (value === undefined) throw new TypeError(`billingType ${billingCycle} is not sent upstream`);
        query = { billingType: value };
      }
      const target = v1Path('/customers/{id}/orders', { id: requireGuid(customerId) }, query);
      const orders = expectCollection<OrderDto>(await getJson(call, target), target, 'order');
      return orders.map((order) => ownedBy(order, customerId));
    },

    async getOrder(call, customerId, orderId) {
      const target = v1Path('/customers/{id}/orders/{orderId}', { id: requireGuid(customerId), orderId: requireOrderId(orderId) });
      return ownedBy(expectResource<OrderDto>(await getJson(call, target), target, 'order'), customerId);
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

function ownedBy(order: OrderDto, customerId: string): CustomerOrder {
  return { ...order, customerId: normalizeGuid(customerId) };
}

// Callers validate first and answer BAD_USER_INPUT; reaching these with a bad id is a programming error.
const requireGuid = (id: string) => requireId(id, isGuid, 'customer id');
const requireOrderId = (id: string) => requireId(id, isOrderId, 'order id');
