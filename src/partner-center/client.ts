import { billingTypeQueryValue, type BillingCycle } from './billing-cycle.js';
import { createTransport, v1Path, type CallContext, type GetJson, type TransportOptions, type UpstreamPath, type UpstreamResponse } from './http.js';
import { isGuid, isOrderId, normalizeGuid } from './ids.js';
import type { CustomerDto, CustomerOrder, OrderDto } from './types.js';
import { UpstreamError } from './upstream-error.js';

/** The Partner Center REST API, one method per call. Knows HTTP and JSON, nothing of GraphQL. */
export interface PartnerCenterClient {
  /** GET /v1/customers/{id} */
  getCustomer(call: CallContext, customerId: string): Promise<CustomerDto>;
  /**
   * GET /v1/customers/{id}/orders[?billingType=…]. Not paged (API-FACTS 0.4). `billingCycle` is sent
   * in the .NET SDK's spelling; `unknown` has no confirmed server meaning and is refused here.
   */
  listOrders(call: CallContext, customerId: string, billingCycle?: BillingCycle): Promise<CustomerOrder[]>;
  /** GET /v1/customers/{id}/orders/{orderId}: visible at once, unlike the lists (up to 15 minutes late). */
  getOrder(call: CallContext, customerId: string, orderId: string): Promise<CustomerOrder>;
}

export type PartnerCenterClientOptions = TransportOptions;

export function createPartnerCenterClient(options: PartnerCenterClientOptions): PartnerCenterClient {
  return createClientOver(createTransport(options));
}

/** The client over any transport; tests and later decorators (retries, single-flight) wrap `getJson`. */
export function createClientOver(getJson: GetJson): PartnerCenterClient {
  return {
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
      if (!isOrderId(orderId)) throw new TypeError('order id has characters no order id has');
      const target = v1Path('/customers/{id}/orders/{orderId}', { id: requireGuid(customerId), orderId });
      return ownedBy(expectResource<OrderDto>(await getJson(call, target), target, 'order'), customerId);
    },
  };
}

function ownedBy(order: OrderDto, customerId: string): CustomerOrder {
  return { ...order, customerId: normalizeGuid(customerId) };
}

function requireGuid(id: string): string {
  // Callers validate first and answer BAD_USER_INPUT; reaching this is a programming error.
  if (!isGuid(id)) throw new TypeError('customer id must be a GUID');
  return id;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function invalid(response: UpstreamResponse, target: UpstreamPath, what: string): UpstreamError {
  return new UpstreamError(`Partner Center sent an unexpected ${what}`, {
    kind: 'invalid-response',
    status: response.status,
    requestId: response.requestId,
    route: target.route,
  });
}

/** A single resource must be an object with a string id. */
function expectResource<T extends { id: string }>(response: UpstreamResponse, target: UpstreamPath, what: string): T {
  const { body } = response;
  if (!isRecord(body) || typeof body.id !== 'string' || body.id === '') throw invalid(response, target, `${what} body`);
  return body as unknown as T;
}

/** A ResourceCollection must have an `items` array of resources with ids; anything else breaks the contract. */
function expectCollection<T extends { id: string }>(response: UpstreamResponse, target: UpstreamPath, what: string): T[] {
  const { body } = response;
  if (!isRecord(body) || !Array.isArray(body.items)) throw invalid(response, target, `${what} collection`);
  for (const item of body.items) {
    if (!isRecord(item) || typeof item.id !== 'string' || item.id === '') throw invalid(response, target, `${what} in a collection`);
  }
  return body.items as T[];
}
