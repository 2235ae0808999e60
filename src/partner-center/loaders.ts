import DataLoader from 'dataloader';
import pLimit from 'p-limit';
import { matchesBillingCycle, type BillingCycle } from './billing-cycle.js';
import type { PartnerCenterClient } from './client.js';
import type { CallContext } from './http.js';
import { normalizeGuid } from './ids.js';
import type { CustomerDto, OrderDto } from './types.js';

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
  readonly orders: DataLoader<OrdersKey, OrderDto[], string>;
}

export interface LoaderOptions {
  /** Upstream calls this request may have in flight at once. */
  concurrency: number;
}

export function createLoaders(client: PartnerCenterClient, call: CallContext, options: LoaderOptions): Loaders {
  const limit = pLimit(options.concurrency);
  // Unfiltered order lists this request has fetched or is fetching, so a later filtered ask reuses them.
  const allOrders = new Map<string, Promise<OrderDto[]>>();

  const fetchAllOrders = (customerId: string): Promise<OrderDto[]> => {
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
  const batchOrders = async (keys: readonly OrdersKey[]): Promise<(OrderDto[] | Error)[]> => {
    const cyclesByCustomer = new Map<string, Set<BillingCycle | null>>();
    for (const key of keys) {
      const cycles = cyclesByCustomer.get(key.customerId) ?? new Set();
      cycles.add(key.billingCycle);
      cyclesByCustomer.set(key.customerId, cycles);
    }
    const filtered = new Map<string, Promise<OrderDto[]>>();
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

  return {
    customer: new DataLoader<string, CustomerDto, string>(
      (ids) => Promise.all(ids.map((id) => limit(() => client.getCustomer(call, id)).catch(asError))),
      { cacheKeyFn: normalizeGuid },
    ),
    orders: new DataLoader<OrdersKey, OrderDto[], string>(batchOrders, {
      cacheKeyFn: (key) => `${normalizeGuid(key.customerId)}|${key.billingCycle ?? '*'}`,
    }),
  };
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
