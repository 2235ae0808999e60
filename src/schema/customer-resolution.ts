import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../app/context.js';
import { badUserInput } from '../errors.js';
import type { BillingCycle } from '../partner-center/client/billing-cycle.js';
import { isGuid, normalizeGuid } from '../partner-center/client/ids.js';
import type { CustomerDto } from '../partner-center/client/types.js';
import { UpstreamError } from '../partner-center/transport/upstream-error.js';
import type { OrdersKey } from '../partner-center/loaders/order-loaders.js';
import { selectsPrice } from './prices.js';
import { objectOrNull, type CompanyProfileParent } from './profile.js';
import { selectedFields } from './selection.js';

/** What Customer's fields receive: the id, and the profile when the root resolver already loaded it. */
export interface CustomerParent {
  readonly id: string;
  readonly profile?: CustomerDto;
  /** A `customerList` item: slim (API-FACTS 5), so only the fields it carries are read from it. */
  readonly summary?: CustomerDto;
}

/** Customer fields that need no GET /v1/customers/{id}. Every other field is a profile field. */
const FIELDS_WITHOUT_PROFILE = new Set(['id', '__typename', 'orders', 'order', 'subscriptions']);

/** The upstream calls a Customer's selection will make, worked out before its fields run. */
export interface CustomerNeeds {
  readonly profile: boolean;
  /** The order lists the `orders` fields will ask for (cycle, system purchases, prices): the very loader keys. */
  readonly orderLists: readonly Omit<OrdersKey, 'customerId'>[];
  /** `subscriptions` is selected: its list call also tells whether the customer exists. */
  readonly subscriptions: boolean;
}

export function customerNeeds(info: GraphQLResolveInfo, typeName?: 'Customer'): CustomerNeeds {
  const fields = selectedFields(info, typeName);
  return {
    profile: fields.some((field) => !FIELDS_WITHOUT_PROFILE.has(field.name)),
    orderLists: fields
      .filter((field) => field.name === 'orders')
      .map((field) => ordersKeyOf(field.args, selectsPrice(info, [field.node]))),
    subscriptions: fields.some((field) => field.name === 'subscriptions'),
  };
}

/**
 * Resolves one customer. A customer that does not exist, or is not the caller's, resolves to null
 * with NOT_FOUND / FORBIDDEN. That is learned from the calls the selection makes anyway: the
 * profile if a profile field is asked for, else the order lists it asks for (the very loader keys
 * the `orders` fields will use, so no call is added). Other failures are left to the fields, which
 * then answer null with the error while the rest of the customer stays.
 */
export async function resolveCustomer(rawId: string, context: Context, needs: CustomerNeeds): Promise<CustomerParent | null> {
  if (!isGuid(rawId)) {
    throw badUserInput(`Customer id ${JSON.stringify(rawId.slice(0, 80))} is not a GUID.`, { argument: 'id' });
  }
  const id = normalizeGuid(rawId);
  const { loaders } = context;
  const profileLoad = needs.profile ? loaders.customer.load(id) : undefined;
  const orderLoads = needs.orderLists.map((list) => loaders.orders.load({ customerId: id, ...list }));
  const subscriptionsLoad = needs.subscriptions ? loaders.subscriptions.load(id) : undefined;
  const settled = await Promise.allSettled([profileLoad, ...orderLoads, subscriptionsLoad]);
  for (const outcome of settled) {
    if (outcome.status === 'rejected' && decidesExistence(outcome.reason)) throw outcome.reason;
  }
  const profile = settled[0]?.status === 'fulfilled' ? settled[0].value : undefined;
  return profile ? { id, profile } : { id };
}

/** The loader key of an `orders` field, less the customer: what `Customer.orders` loads with the same arguments. */
export function ordersKeyOf(args: Record<string, unknown>, priced: boolean): Omit<OrdersKey, 'customerId'> {
  return {
    billingCycle: (args.billingCycle as BillingCycle | undefined | null) ?? null,
    includeSystemPurchases: args.includeSystemPurchases === true,
    priced,
  };
}

function decidesExistence(error: unknown): boolean {
  return error instanceof UpstreamError && (error.kind === 'not-found' || error.kind === 'forbidden' || error.kind === 'unauthorized');
}

/** The customer's profile: the one the root resolver loaded, or the loader's (one call per request). */
export function profileOf(customer: CustomerParent, context: Context): Promise<CustomerDto> | CustomerDto {
  return customer.profile ?? context.loaders.customer.load(customer.id);
}

/** The company profile: a list item's slim one (the rest loaded only if asked for), else the full one. */
export async function companyProfileOf(customer: CustomerParent, context: Context): Promise<CompanyProfileParent | null> {
  const listed = objectOrNull(customer.summary?.companyProfile);
  if (listed && !customer.profile) {
    return { known: listed, full: async () => objectOrNull((await profileOf(customer, context)).companyProfile) ?? undefined };
  }
  const full = objectOrNull((await profileOf(customer, context)).companyProfile);
  return full ? { known: full } : null;
}

/** relationshipToPartner: list items carry it, so it costs nothing there. */
export async function relationshipOf(customer: CustomerParent, context: Context): Promise<unknown> {
  return customer.summary?.relationshipToPartner ?? (await profileOf(customer, context)).relationshipToPartner;
}
