import { badUserInput } from '../errors.js';
import { BillingCycleEnum } from './billing-cycle.js';
import { builder } from './builder.js';
import { slicedList } from './published-cost.js';
import { DEFAULT_MAX_CUSTOMER_IDS } from '../config.js';
import { companyProfileOf, customerNeeds, ordersKeyOf, profileOf, relationshipOf, resolveCustomer, type CustomerParent } from './customer-resolution.js';
import { parseRelationship, RelationshipToPartnerEnum } from './enums.js';
import { stringOrNull } from './line-item.js';
import { OrderType } from './order.js';
import { selectsPrice } from './prices.js';
import { BillingProfileType, CompanyProfileType, objectOrNull } from './profile.js';

const PROFILE = 'From GET /v1/customers/{id}: one call per customer per request, made only when a profile field is selected.';

export const CustomerType = builder.objectRef<CustomerParent>('Customer').implement({
  description: 'A customer tenant of the signed-in partner.',
  fields: (t) => ({
    id: t.exposeID('id', { nullable: false, description: 'The customer\'s tenant id (a GUID, lower-case). Costs no upstream call.' }),
    commerceId: t.string({
      description: `Commerce id. ${PROFILE}`,
      resolve: async (c, _, ctx) => stringOrNull((await profileOf(c, ctx)).commerceId),
    }),
    companyProfile: t.field({
      type: CompanyProfileType,
      description: `Company name, domain, email. ${PROFILE} On a \`customerList\` node, tenantId, domain and companyName come from the list item at no cost; the other fields still cost the GET.`,
      resolve: (c, _, ctx) => companyProfileOf(c, ctx),
    }),
    billingProfile: t.field({
      type: BillingProfileType,
      description: `Billing contact and address. ${PROFILE}`,
      resolve: async (c, _, ctx) => objectOrNull((await profileOf(c, ctx)).billingProfile),
    }),
    relationshipToPartner: t.field({
      type: RelationshipToPartnerEnum,
      description: `How the partner relates to this customer. ${PROFILE} Free on a \`customerList\` node (the list item carries it).`,
      resolve: async (c, _, ctx) => parseRelationship(await relationshipOf(c, ctx)),
    }),
    allowDelegatedAccess: t.boolean({
      description: `Whether the partner has delegated admin access. ${PROFILE}`,
      resolve: async (c, _, ctx) => {
        const value = (await profileOf(c, ctx)).allowDelegatedAccess;
        return typeof value === 'boolean' ? value : null;
      },
    }),
    customDomains: t.stringList({
      description: `Custom domains of the tenant. ${PROFILE}`,
      resolve: async (c, _, ctx) => {
        const domains = (await profileOf(c, ctx)).customDomains;
        return Array.isArray(domains) ? domains.filter((d): d is string => typeof d === 'string') : null;
      },
    }),
    associatedPartnerId: t.string({
      description: `MPN id of an associated (indirect) partner. ${PROFILE}`,
      resolve: async (c, _, ctx) => stringOrNull((await profileOf(c, ctx)).associatedPartnerId),
    }),
    orders: t.field({
      type: [OrderType],
      // One upstream call, and customers have 20 orders in the common case.
      complexity: { field: 2, multiplier: 20 },
      description:
        'The customer\'s orders, optionally of one billing cycle. One GET /v1/customers/{id}/orders per customer per request: asking for all orders and for a cycle in the same request costs one unfiltered call, filtered here; with and without system purchases, one call with them, filtered here; with and without prices, one call with prices. New orders can take up to 15 minutes to appear. Null, with an error, when that call fails.',
      args: {
        billingCycle: t.arg({ type: BillingCycleEnum, description: 'Only orders of this cycle. Omit for all orders.' }),
        includeSystemPurchases: t.arg.boolean({
          defaultValue: false,
          description:
            'Also orders Partner Center made itself (`transactionType` SYSTEM_PURCHASE or SYSTEM_BILLING): sends `include_system_purchases=true`. Default false, as Partner Center\'s own default: such orders are left out.',
        }),
      },
      resolve: (c, args, ctx, info) => ctx.loaders.orders.load({ customerId: c.id, ...ordersKeyOf(args, selectsPrice(info, info.fieldNodes)) }),
    }),
  }),
});

builder.queryField('customer', (t) =>
  t.field({
    type: CustomerType,
    description:
      'One customer by tenant id. Null with NOT_FOUND when it does not exist, FORBIDDEN when it is not the caller\'s customer; BAD_USER_INPUT when the id is not a GUID (no upstream call).',
    args: { id: t.arg.id({ required: true, description: 'The customer\'s tenant id (a GUID).' }) },
    resolve: (_, { id }, ctx, info) => resolveCustomer(String(id), ctx, customerNeeds(info)),
  }),
);

builder.queryField('customers', (t) =>
  t.field({
    type: [CustomerType],
    nullable: { list: false, items: true },
    description:
      'Several customers by tenant id, in the order of `ids` (duplicates allowed, fetched once). Each entry is null with its own error when that customer fails; the others are unaffected.',
    args: {
      ids: t.arg.idList({ required: true, description: 'Tenant ids (GUIDs); at most MAX_CUSTOMER_IDS (default 100).' }),
    },
    complexity: slicedList({ field: 1, argument: 'ids', assumedSize: DEFAULT_MAX_CUSTOMER_IDS }),
    resolve: (_, { ids }, ctx, info) => {
      const max = ctx.config.limits.maxCustomerIds;
      if (ids.length > max) throw badUserInput(`customers(ids:) takes at most ${max} ids; got ${ids.length}.`, { argument: 'ids', max });
      const needs = customerNeeds(info);
      return ids.map((id) => resolveCustomer(String(id), ctx, needs));
    },
  }),
);
