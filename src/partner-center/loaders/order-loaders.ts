import DataLoader from 'dataloader';
import type { Limit } from '../../concurrency/limiter.js';
import { asError } from './batch-error.js';
import { matchesBillingCycle, type BillingCycle } from '../client/billing-cycle.js';
import type { OrderListQuery, PartnerCenterClient } from '../client/client.js';
import type { CallContext } from '../transport/http.js';
import { deniesCustomer } from '../transport/upstream-error.js';
import { normalizeGuid } from '../client/ids.js';
import type { LineItemGate } from './line-item-gate.js';
import type { ActivationLinkDto, CustomerOrder } from '../client/types.js';

/**
 * A customer's orders: all of them (`billingCycle: null`) or those of one cycle; with system purchases
 * (`include_system_purchases`) or not; with prices (`include_price`) or not.
 */
export interface OrdersKey {
  readonly customerId: string;
  readonly billingCycle: BillingCycle | null;
  readonly includeSystemPurchases?: boolean;
  readonly priced?: boolean;
}

export interface OrderKey {
  readonly customerId: string;
  readonly orderId: string;
  /** Read with include_price=true. */
  readonly priced?: boolean;
}

export interface LineItemKey {
  readonly customerId: string;
  readonly orderId: string;
  readonly lineItemNumber: number;
}

/** More orders than this of one customer in one batch are read from one list call, not one call each. */
export const ORDERS_BY_LIST_THRESHOLD = 3;

export interface OrderLoaders {
  /** GET /v1/customers/{id}/orders[?billingType][&include_price][&include_system_purchases], planned per batch (see batchOrders). */
  readonly orders: DataLoader<OrdersKey, CustomerOrder[], string>;
  /** One order, from a list this request already has, one list call, or GET …/orders/{orderId} (see batchOrder). */
  readonly order: DataLoader<OrderKey, CustomerOrder, string>;
  /** GET …/orders/{orderId}/lineitems/{n}/activationlinks, once per line per request. */
  readonly activationLinks: DataLoader<LineItemKey, ActivationLinkDto[], string>;
}

/** An order list the request has fetched or is fetching, and what it holds. */
interface LoadedList {
  readonly cycle: BillingCycle | null;
  readonly system: boolean;
  readonly priced: boolean;
  readonly orders: Promise<CustomerOrder[]>;
}

/** Order `transactionType`s that only lists with include_system_purchases=true hold. */
const SYSTEM_TRANSACTIONS = new Set(['systempurchase', 'systembilling']);

export function isSystemPurchase(order: CustomerOrder): boolean {
  return typeof order.transactionType === 'string' && SYSTEM_TRANSACTIONS.has(order.transactionType.trim().toLowerCase());
}

/** Whether `list` holds every order `key` asks for (and with its prices, when asked for). */
function covers(list: LoadedList, key: OrdersKey): boolean {
  return (
    (list.cycle === null || list.cycle === key.billingCycle) &&
    (list.system || !key.includeSystemPurchases) &&
    (list.priced || !key.priced)
  );
}

/** The key's orders out of a list that covers it: filtered by cycle and, when not asked for, system purchases. */
function select(orders: CustomerOrder[], list: LoadedList, key: OrdersKey): CustomerOrder[] {
  const cycle = key.billingCycle;
  const dropSystem = list.system && !key.includeSystemPurchases;
  if ((cycle === null || list.cycle !== null) && !dropSystem) return orders;
  return orders.filter(
    (order) => (cycle === null || list.cycle !== null || matchesBillingCycle(order.billingCycle, cycle)) && !(dropSystem && isSystemPurchase(order)),
  );
}

function selectOrError(orders: CustomerOrder[], list: LoadedList, key: OrdersKey): CustomerOrder[] | Error {
  try {
    return select(orders, list, key);
  } catch (error) {
    return asError(error);
  }
}

/** A failed list holds no order; one that says the customer is not there answers for its orders too (a GET would say the same). */
function unlessCustomerDenied(error: unknown): CustomerOrder[] {
  if (deniesCustomer(error)) throw error;
  return [];
}

export function createOrderLoaders(client: PartnerCenterClient, call: CallContext, limit: Limit, gate: LineItemGate): OrderLoaders {
  // Every order list this request has fetched or is fetching, by customer: later asks reuse any that covers them.
  const lists = new Map<string, LoadedList[]>();
  const fetchList = (customerId: string, cycle: BillingCycle | null, system: boolean, priced: boolean): LoadedList => {
    const query: OrderListQuery = cycle === null ? { includePrice: priced, includeSystemPurchases: system } : { billingCycle: cycle, includePrice: priced, includeSystemPurchases: system };
    const orders = limit(() => client.listOrders(call, customerId, query));
    orders.catch(ignore); // the rejection is delivered through each key's slot
    const list = { cycle, system, priced, orders };
    const known = lists.get(customerId);
    if (known) known.push(list);
    else lists.set(customerId, [list]);
    return list;
  };
  const coveringList = (key: OrdersKey): LoadedList | undefined => {
    const known = lists.get(normalizeGuid(key.customerId));
    if (known) for (const list of known) if (covers(list, key)) return list;
    return undefined;
  };

  /**
   * One upstream call per customer in the batch for the keys no loaded list covers: one list asking for every
   * flag any of them needs (prices, system purchases), filtered by `billingType` only when they all want the
   * same known cycle, else unfiltered. Filters then apply locally: a list with prices serves keys without, one
   * with system purchases serves keys without (dropping SystemPurchase/SystemBilling orders), an unfiltered
   * one serves every cycle (UNKNOWN is never sent upstream).
   */
  const batchOrders = async (keys: readonly OrdersKey[]): Promise<(CustomerOrder[] | Error)[]> => {
    const uncovered = new Map<string, OrdersKey[]>();
    for (const key of keys) {
      if (coveringList(key)) continue;
      const customerId = normalizeGuid(key.customerId);
      const wanting = uncovered.get(customerId);
      if (wanting) wanting.push(key);
      else uncovered.set(customerId, [key]);
    }
    for (const [customerId, wanting] of uncovered) {
      const only = wanting[0]!.billingCycle;
      const sameCycle = wanting.every((key) => key.billingCycle === only);
      const cycle = sameCycle && only !== undefined && only !== 'unknown' ? only : null;
      fetchList(customerId, cycle, wanting.some((key) => key.includeSystemPurchases === true), wanting.some((key) => key.priced === true));
    }
    return Promise.all(
      keys.map((key) => {
        const list = coveringList(key)!;
        return list.orders.then((orders) => selectOrError(orders, list, key), asError);
      }),
    );
  };

  /**
   * Orders by id. An order in any list this request has loaded (or is loading) with the prices the key asks
   * for costs nothing; more than ORDERS_BY_LIST_THRESHOLD orders of one customer cost one list call; the
   * rest, and any order a list does not hold yet (lists lag up to 15 minutes), cost one GET by id each, priced
   * when any key of that order wants prices. A list that failed saying the customer is not there fails its
   * customer's orders the same way, without a GET.
   */
  const batchOrder = async (keys: readonly OrderKey[]): Promise<(CustomerOrder | Error)[]> => {
    const perCustomer = new Map<string, { count: number; priced: boolean }>();
    const pricedIds = new Set<string>();
    for (const key of keys) {
      const customerId = normalizeGuid(key.customerId);
      const entry = perCustomer.get(customerId) ?? { count: 0, priced: false };
      perCustomer.set(customerId, { count: entry.count + 1, priced: entry.priced || key.priced === true });
      if (key.priced) pricedIds.add(`${customerId}|${key.orderId}`);
    }
    for (const [customerId, { count, priced }] of perCustomer) {
      const key = { customerId, billingCycle: null, priced };
      if (count > ORDERS_BY_LIST_THRESHOLD && !coveringList(key)) fetchList(customerId, null, false, priced);
    }
    const byId = new Map<string, Promise<CustomerOrder>>();
    const getById = (customerId: string, orderId: string, priced: boolean) => {
      const id = `${customerId}|${orderId}|${priced}`;
      let pending = byId.get(id);
      if (!pending) {
        pending = limit(() => client.getOrder(call, customerId, orderId, priced));
        pending.catch(() => undefined);
        byId.set(id, pending);
      }
      return pending;
    };
    return Promise.all(
      keys.map(async (key) => {
        try {
          const customerId = normalizeGuid(key.customerId);
          const priced = key.priced === true || pricedIds.has(`${customerId}|${key.orderId}`);
          for (const list of lists.get(customerId) ?? []) {
            if (priced && !list.priced) continue;
            const listed = (await list.orders.catch(unlessCustomerDenied)).find((order) => order.id === key.orderId);
            if (listed) return listed;
          }
          return await getById(key.customerId, key.orderId, priced);
        } catch (error) {
          return asError(error);
        }
      }),
    );
  };

  // Each made on first use: most requests read order lists only.
  let order: OrderLoaders['order'] | undefined;
  let activationLinks: OrderLoaders['activationLinks'] | undefined;
  return {
    orders: new DataLoader<OrdersKey, CustomerOrder[], string>((keys) => gate.track(batchOrders(keys)), {
      cacheKeyFn: ordersCacheKey,
    }),
    get order() {
      // Dispatched a macrotask after the order lists, so a list asked for at the same time is found.
      return (order ??= new DataLoader<OrderKey, CustomerOrder, string>((keys) => gate.track(batchOrder(keys)), {
        cacheKeyFn: orderCacheKey,
        batchScheduleFn: setImmediate,
      }));
    },
    get activationLinks() {
      return (activationLinks ??= new DataLoader<LineItemKey, ActivationLinkDto[], string>(
        (keys) => Promise.all(keys.map((key) => limit(() => client.getActivationLinks(call, key.customerId, key.orderId, key.lineItemNumber)).catch(asError))),
        { cacheKeyFn: lineItemCacheKey },
      ));
    },
  };
}

const ignore = (): void => undefined;
const ordersCacheKey = (key: OrdersKey): string =>
  `${normalizeGuid(key.customerId)}|${key.billingCycle ?? '*'}|${key.includeSystemPurchases === true}|${key.priced === true}`;
const orderCacheKey = (key: OrderKey): string => `${normalizeGuid(key.customerId)}|${key.orderId}|${key.priced === true}`;
const lineItemCacheKey = (key: LineItemKey): string => `${normalizeGuid(key.customerId)}|${key.orderId}|${key.lineItemNumber}`;
