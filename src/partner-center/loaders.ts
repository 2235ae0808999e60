import DataLoader from 'dataloader';
import pLimit from 'p-limit';
import { matchesBillingCycle, type BillingCycle } from './billing-cycle.js';
import type { PartnerCenterClient } from './client.js';
import type { CallContext } from './http.js';
import { normalizeGuid } from './ids.js';
import type { CustomerDto, CustomerOrder } from './types.js';

/** A customer's orders, all of them (`billingCycle: null`) or those of one cycle. */
export interface OrdersKey {
  readonly customerId: string;
  readonly billingCycle: BillingCycle | null;
}

/**
 * The loaders of ONE GraphQL request, bound to its caller. Created per request and never shared, so
 * one caller's cached or in-flight data can never reach another.
 */
export interface Loaders {
  /** GET /v1/customers/{id}, keyed by tenant id (case-insensitive). */
  readonly customer: DataLoader<string, CustomerDto, string>;
  /** GET /v1/customers/{id}/orders[?billingType], planned per batch (see batchOrders). */
  readonly orders: DataLoader<OrdersKey, CustomerOrder[], string>;
  /** One order, from a list this request already has, one list call, or GET …/orders/{orderId} (see batchOrder). */
  readonly order: DataLoader<OrderKey, CustomerOrder, string>;
}

export interface OrderKey {
  readonly customerId: string;
  readonly orderId: string;
}

/** More orders than this of one customer in one batch are read from one list call, not one call each. */
export const ORDERS_BY_LIST_THRESHOLD = 3;

export interface LoaderOptions {
  /** Upstream calls this request may have in flight at once. */
  concurrency: number;
}

export function createLoaders(client: PartnerCenterClient, call: CallContext, options: LoaderOptions): Loaders {
  const limit = pLimit(options.concurrency);
  // Unfiltered order lists this request has fetched or is fetching, so a later filtered ask reuses them.
  const allOrders = new Map<string, Promise<CustomerOrder[]>>();

  const fetchAllOrders = (customerId: string): Promise<CustomerOrder[]> => {
    let pending = allOrders.get(customerId);
    if (!pending) {
      pending = limit(() => client.listOrders(call, customerId));
      pending.catch(() => undefined); // the rejection is delivered through each key's slot
      allOrders.set(customerId, pending);
    }
    return pending;
  };

  /**
   * One upstream call per customer in the batch: the unfiltered list when any key wants all orders,
   * when several cycles are asked for, when the cycle is UNKNOWN (never sent upstream), or when the
   * list is already loaded; otherwise the single filtered list. Filters then apply locally.
   */
  const batchOrders = async (keys: readonly OrdersKey[]): Promise<(CustomerOrder[] | Error)[]> => {
    const cyclesByCustomer = new Map<string, Set<BillingCycle | null>>();
    for (const key of keys) {
      const cycles = cyclesByCustomer.get(key.customerId) ?? new Set();
      cycles.add(key.billingCycle);
      cyclesByCustomer.set(key.customerId, cycles);
    }
    const filtered = new Map<string, Promise<CustomerOrder[]>>();
    for (const [customerId, cycles] of cyclesByCustomer) {
      const [only] = cycles;
      const single = cycles.size === 1 && only !== null && only !== undefined && only !== 'unknown';
      if (single && !allOrders.has(customerId)) {
        filtered.set(customerId, limit(() => client.listOrders(call, customerId, only)));
      } else {
        void fetchAllOrders(customerId).catch(() => undefined);
      }
    }
    return Promise.all(
      keys.map(async (key) => {
        try {
          const direct = filtered.get(key.customerId);
          if (direct) return await direct;
          const orders = await fetchAllOrders(key.customerId);
          const cycle = key.billingCycle;
          return cycle === null ? orders : orders.filter((order) => matchesBillingCycle(order.billingCycle, cycle));
        } catch (error) {
          return error instanceof Error ? error : new Error(String(error));
        }
      }),
    );
  };

  /**
   * Orders by id. An order in a list this request has loaded (or is loading) costs nothing; more
   * than ORDERS_BY_LIST_THRESHOLD orders of one customer cost one list call; the rest, and any order
   * a list does not hold yet (lists lag up to 15 minutes), cost one GET by id each.
   */
  const batchOrder = async (keys: readonly OrderKey[]): Promise<(CustomerOrder | Error)[]> => {
    const perCustomer = new Map<string, number>();
    for (const key of keys) perCustomer.set(key.customerId, (perCustomer.get(key.customerId) ?? 0) + 1);
    for (const [customerId, count] of perCustomer) {
      if (count > ORDERS_BY_LIST_THRESHOLD) void fetchAllOrders(customerId).catch(() => undefined);
    }
    return Promise.all(
      keys.map(async (key) => {
        try {
          const list = allOrders.get(key.customerId);
          const listed = list ? (await list.catch(() => [])).find((order) => order.id === key.orderId) : undefined;
          return listed ?? (await limit(() => client.getOrder(call, key.customerId, key.orderId)));
        } catch (error) {
          return asError(error);
        }
      }),
    );
  };

  return {
    customer: new DataLoader<string, CustomerDto, string>(
      (ids) => Promise.all(ids.map((id) => limit(() => client.getCustomer(call, id)).catch(asError))),
      { cacheKeyFn: normalizeGuid },
    ),
    orders: new DataLoader<OrdersKey, CustomerOrder[], string>(batchOrders, {
      cacheKeyFn: (key) => `${normalizeGuid(key.customerId)}|${key.billingCycle ?? '*'}`,
    }),
    order: new DataLoader<OrderKey, CustomerOrder, string>(batchOrder, {
      cacheKeyFn: (key) => `${normalizeGuid(key.customerId)}|${key.orderId}`,
    }),
  };
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
