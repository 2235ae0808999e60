import { badUserInput } from '../errors.js';
import { BillingCycleEnum } from './billing-cycle.js';
import { builder } from './builder.js';
import { slicedList } from './published-cost.js';
import { DEFAULT_MAX_CUSTOMER_IDS } from '../config.js';
import type { BillingCycle } from '../partner-center/client/billing-cycle.js';
import type { OrdersKey } from '../partner-center/loaders/order-loaders.js';
import { customerLoad } from './customer-absence.js';
import { companyProfileOf, customerById, profileOf, relationshipOf, type CustomerParent } from './customer-parent.js';
import { parseRelationship, RelationshipToPartnerEnum } from './enums.js';
import { stringOrNull } from './line-item.js';
import { OrderType } from './order.js';
import { selectsPrice } from './prices.js';
import { BillingProfileType, CompanyProfileType, objectOrNull } from './profile.js';

export const CustomerType = builder.objectRef<CustomerParent>('Customer').implement({
  description:
    'A customer tenant of the signed-in partner. Every field but `id`, `orders`, `order` and `subscriptions` comes from the customer\'s profile: selecting any of them costs one Partner Center call per customer (see docs/cost-model.md).',
  fields: (t) => ({
    id: t.exposeID('id', { nullable: false, description: 'The customer\'s tenant id: a lower-case GUID.' }),
    commerceId: t.string({
      description: 'The customer\'s commerce id in Partner Center. Null when it has none.',
      resolve: async (c, _, ctx, info) => stringOrNull((await profileOf(c, ctx, info)).commerceId),
    }),
    companyProfile: t.field({
      type: CompanyProfileType,
      description: 'Company name, domain, contact email and address. Null when Partner Center has no company profile for the customer.',
      resolve: (c, _, ctx, info) => companyProfileOf(c, ctx, info),
    }),
    billingProfile: t.field({
      type: BillingProfileType,
      description: 'Billing contact and address. Null when Partner Center has none for the customer.',
      resolve: async (c, _, ctx, info) => objectOrNull((await profileOf(c, ctx, info)).billingProfile),
    }),
    relationshipToPartner: t.field({
      type: RelationshipToPartnerEnum,
      description: 'How the signed-in partner relates to this customer. Null when Partner Center does not say; UNKNOWN for a value this gateway does not know.',
      resolve: async (c, _, ctx, info) => parseRelationship(await relationshipOf(c, ctx, info)),
    }),
    allowDelegatedAccess: t.boolean({
      description: 'Whether the partner has delegated admin access to the tenant. Null when Partner Center does not say.',
      resolve: async (c, _, ctx, info) => {
        const value = (await profileOf(c, ctx, info)).allowDelegatedAccess;
        return typeof value === 'boolean' ? value : null;
      },
    }),
    customDomains: t.stringList({
      description: 'Custom domains of the tenant, e.g. `contoso.com`. Null when Partner Center sent none.',
      resolve: async (c, _, ctx, info) => {
        const domains = (await profileOf(c, ctx, info)).customDomains;
        return Array.isArray(domains) ? domains.filter((d): d is string => typeof d === 'string') : null;
      },
    }),
    associatedPartnerId: t.string({
      description: 'MPN id of the associated (indirect reseller) partner. Null when there is none.',
      resolve: async (c, _, ctx, info) => stringOrNull((await profileOf(c, ctx, info)).associatedPartnerId),
    }),
    orders: t.field({
      type: [OrderType],
      // One upstream call, and customers have 20 orders in the common case.
      complexity: { field: 2, multiplier: 20 },
      description:
        'The customer\'s orders, optionally of one billing cycle. A new order can take up to 15 minutes to appear here (`order(id:)` sees it at once). Null, with the error (e.g. UPSTREAM_ERROR, THROTTLED), when Partner Center cannot list them.',
      args: {
        billingCycle: t.arg({ type: BillingCycleEnum, description: 'Only orders of this cycle. Omit for all orders.' }),
        includeSystemPurchases: t.arg.boolean({
          defaultValue: false,
          description:
            'Also list orders Partner Center made itself (`transactionType` SYSTEM_PURCHASE or SYSTEM_BILLING). Default false: they are left out.',
        }),
      },
      // Its list also tells whether the customer exists.
      resolve: (c, args, ctx, info) =>
        customerLoad(c, info, ctx.loaders.orders.load({ customerId: c.id, ...ordersKeyOf(args, selectsPrice(info, info.fieldNodes)) })),
    }),
  }),
});

builder.queryField('customer', (t) =>
  t.field({
    type: CustomerType,
    description:
      'One customer by tenant id. Null with NOT_FOUND when it does not exist, FORBIDDEN when it is not the signed-in partner\'s customer, BAD_USER_INPUT when the id is not a GUID.',
    args: { id: t.arg.id({ required: true, description: 'The customer\'s tenant id (a GUID).' }) },
    resolve: (_, { id }, _ctx, info) => customerById(String(id), info),
  }),
);

builder.queryField('customers', (t) =>
  t.field({
    type: [CustomerType],
    nullable: { list: false, items: true },
    description:
      'Several customers by tenant id, in the order of `ids` (duplicates allowed, fetched once). Each entry is null with its own error when that customer fails; the others are unaffected.',
    args: {
      ids: t.arg.idList({ required: true, description: 'Tenant ids (GUIDs); at most 100 by default (the server\'s MAX_CUSTOMER_IDS). More is BAD_USER_INPUT.' }),
    },
    complexity: slicedList({ field: 1, argument: 'ids', assumedSize: DEFAULT_MAX_CUSTOMER_IDS }),
    resolve: (_, { ids }, ctx, info) => {
      const max = ctx.config.limits.maxCustomerIds;
      if (ids.length > max) throw badUserInput(`customers(ids:) takes at most ${max} ids; got ${ids.length}.`, { argument: 'ids', max });
      // Each entry on its own: a bad id is that entry's BAD_USER_INPUT, as a rejected item.
      return ids.map(async (id) => customerById(String(id), info));
    },
  }),
);

/** The loader key of an `orders` field, less the customer. */
function ordersKeyOf(args: { billingCycle?: BillingCycle | null; includeSystemPurchases?: boolean | null }, priced: boolean): Omit<OrdersKey, 'customerId'> {
  return { billingCycle: args.billingCycle ?? null, includeSystemPurchases: args.includeSystemPurchases === true, priced };
}
