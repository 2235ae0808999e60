import DataLoader from 'dataloader';
import type { Limit } from '../../concurrency/limiter.js';
import { asError } from './batch-error.js';
import type { PartnerCenterClient } from '../client/client.js';
import type { CallContext } from '../transport/http.js';
import { normalizeGuid } from '../client/ids.js';
import type { LineItemGate } from './line-item-gate.js';
import type { SubscriptionDto } from '../client/types.js';

export interface SubscriptionKey {
  readonly customerId: string;
  readonly subscriptionId: string;
}

export interface SubscriptionLoaders {
  /** GET /v1/customers/{id}/subscriptions, once per customer per request. */
  readonly subscriptions: DataLoader<string, SubscriptionDto[], string>;
  /** One subscription, from the customer's list or GET …/subscriptions/{id} (see batchSubscription). */
  readonly subscription: DataLoader<SubscriptionKey, SubscriptionDto, string>;
}

export function createSubscriptionLoaders(client: PartnerCenterClient, call: CallContext, limit: Limit, gate: LineItemGate): SubscriptionLoaders {
  // Subscription lists this request has fetched or is fetching, by customer, and each indexed by id
  // (a big customer has thousands, and every line item looks one up).
  const lists = new Map<string, Promise<SubscriptionDto[]>>();
  const indexes = new Map<string, Promise<Map<string, SubscriptionDto>>>();
  const indexOf = (customerId: string, list: Promise<SubscriptionDto[]>) => {
    let index = indexes.get(customerId);
    if (!index) {
      index = list.then((items) => new Map(items.map((s) => [normalizeGuid(s.id), s])));
      index.catch(() => undefined);
      indexes.set(customerId, index);
    }
    return index;
  };

  const fetchList = (customerId: string): Promise<SubscriptionDto[]> => {
    const id = normalizeGuid(customerId);
    let pending = lists.get(id);
    if (!pending) {
      pending = limit(() => client.listSubscriptions(call, id));
      pending.catch(() => undefined); // delivered through each key's slot
      lists.set(id, pending);
    }
    return pending;
  };

  /**
   * The rule: a customer's list serves every subscription of it when the request already has (or is
   * loading) that list, or when this batch wants more than one of its subscriptions; a single one is a
   * GET by id. A subscription the list lacks is fetched by id; a failed list fails the keys it was to
   * serve (falling back would turn one failure into one call per subscription). The batch waits at the
   * line-item gate, so all line items of the request are one batch.
   */
  const batchSubscription = async (keys: readonly SubscriptionKey[]): Promise<(SubscriptionDto | Error)[]> => {
    const wanted = new Map<string, Set<string>>();
    for (const key of keys) {
      const customerId = normalizeGuid(key.customerId);
      const ids = wanted.get(customerId) ?? new Set();
      ids.add(normalizeGuid(key.subscriptionId));
      wanted.set(customerId, ids);
    }
    for (const [customerId, ids] of wanted) if (ids.size > 1) void fetchList(customerId);
    return Promise.all(
      keys.map(async (key) => {
        try {
          const customerId = normalizeGuid(key.customerId);
          const list = lists.get(customerId);
          const listed = list ? (await indexOf(customerId, list)).get(normalizeGuid(key.subscriptionId)) : undefined;
          return listed ?? (await limit(() => client.getSubscription(call, key.customerId, key.subscriptionId)));
        } catch (error) {
          return asError(error);
        }
      }),
    );
  };

  return {
    subscriptions: new DataLoader<string, SubscriptionDto[], string>(
      (ids) => Promise.all(ids.map((id) => fetchList(id).catch(asError))),
      { cacheKeyFn: normalizeGuid },
    ),
    subscription: new DataLoader<SubscriptionKey, SubscriptionDto, string>(batchSubscription, {
      cacheKeyFn: (key) => `${normalizeGuid(key.customerId)}|${normalizeGuid(key.subscriptionId)}`,
      batchScheduleFn: gate.schedule,
    }),
  };
}
