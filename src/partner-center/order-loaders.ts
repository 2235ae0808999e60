import DataLoader from 'dataloader';
import type { LimitFunction } from 'p-limit';
import { matchesBillingCycle, type BillingCycle } from './billing-cycle.js';
import type { PartnerCenterClient } from './client.js';
import type { CallContext } from './http.js';
import { normalizeGuid } from './ids.js';
import type { LineItemGate } from './line-item-gate.js';
import type { CustomerOrder } from './types.js';

/** A customer's orders, all of them (`billingCycle: null`) or those of one cycle. */
export interface OrdersKey {
  readonly customerId: string;
  readonly billingCycle: BillingCycle | null;
}

export interface OrderKey {
  readonly customerId: string;
  readonly orderId: string;
}

/** More orders than this of one customer in one batch are read from one list call, not one call each. */
export const ORDERS_BY_LIST_THRESHOLD = 3;

export interface OrderLoaders {
  /** GET /v1/customers/{id}/orders[?billingType], planned per batch (see batchOrders). */
  readonly orders: DataLoader<OrdersKey, CustomerOrder[], string>;
  /** One order, from a list this request already has, one list call, or GET …/orders/{orderId} (see batchOrder). */
  readonly order: DataLoader<OrderKey, CustomerOrder, string>;
}

export function createOrderLoaders(client: PartnerCenterClient, call: CallContext, limit: LimitFunction, gate: LineItemGate): OrderLoaders {
  // Unfiltered order lists this request has fetched or is fetching, so a later filtered ask reuses them.
  const allOrders = new Map<string, Promise<CustomerOrder[]>>();
  // Every order list (filtered or not) by customer, so an order asked for by id can be found in any of them.
  const orderLists = new Map<string, Promise<CustomerOrder[]>[]>();
  const remember = (customerId: string, list: Promise<CustomerOrder[]>) => {
    list.catch(() => undefined); // the rejection is delivered through each key's slot
    orderLists.set(customerId, [...(orderLists.get(customerId) ?? []), list]);
    return list;
  };

  const fetchAllOrders = (customerId: string): Promise<CustomerOrder[]> => {
    let pending = allOrders.get(customerId);
    if (!pending) {
      pending = remember(customerId, limit(() => client.listOrders(call, customerId)));
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
        filtered.set(customerId, remember(customerId, limit(() => client.listOrders(call, customerId, only))));
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
          return asError(error);
        }
      }),
    );
  };

  /**
   * Orders by id. An order in any list this request has loaded (or is loading) costs nothing; more
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
          for (const list of orderLists.get(key.customerId) ?? []) {
            const listed = (await list.catch(() => [])).find((order) => order.id === key.orderId);
            if (listed) return listed;
          }
          return await limit(() => client.getOrder(call, key.customerId, key.orderId));
        } catch (error) {
          return asError(error);
        }
      }),
    );
  };

  return {
    orders: new DataLoader<OrdersKey, CustomerOrder[], string>((keys) => gate.track(batchOrders(keys)), {
      cacheKeyFn: (key) => `${normalizeGuid(key.customerId)}|${key.billingCycle ?? '*'}`,
    }),
    // Dispatched a macrotask after the order lists, so a list asked for at the same time is found.
    order: new DataLoader<OrderKey, CustomerOrder, string>((keys) => gate.track(batchOrder(keys)), {
      cacheKeyFn: (key) => `${normalizeGuid(key.customerId)}|${key.orderId}`,
      batchScheduleFn: setImmediate,
    }),
  };
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
