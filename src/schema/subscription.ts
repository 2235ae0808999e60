import { parseBillingCycle } from '../partner-center/client/billing-cycle.js';
import { isGuid } from '../partner-center/client/ids.js';
import type { SubscriptionDto } from '../partner-center/client/types.js';
import { BillingCycleEnum } from './billing-cycle.js';
import { builder } from './builder.js';
import { CustomerType } from './customer.js';
import { customerLoad } from './customer-absence.js';
import { DateTimeScalar, readDateTime } from './date-time.js';
import { partnerCenterEnum } from './enums.js';
import { integerOrNull, OrderLineItemType, stringOrNull } from './line-item.js';
import { unusableReference } from './upstream-data.js';

export const { ref: SubscriptionStatusEnum, parse: parseStatus } = partnerCenterEnum('PartnerCenterSubscriptionStatus', {
  description: 'Where a subscription stands. Values the gateway does not recognise are UNKNOWN.',
  values: {
    UNKNOWN: { value: 'unknown', description: 'Not one of the documented statuses.' },
    NONE: { value: 'none', description: 'No status (Partner Center `none`).' },
    ACTIVE: { value: 'active', description: 'In use and billed.' },
    PENDING: { value: 'pending', description: 'Being provisioned or changed; Partner Center refreshes it about every 15 minutes.' },
    SUSPENDED: { value: 'suspended', description: 'Suspended, e.g. cancelled or unpaid; can be reactivated.' },
    EXPIRED: { value: 'expired', description: 'The term ended without renewal.' },
    DELETED: { value: 'deleted', description: 'Deleted.' },
    DISABLED: { value: 'disabled', description: 'Disabled (seen in the .NET SDK).' },
  },
});

const bool = (value: unknown) => (typeof value === 'boolean' ? value : null);

// Not `Subscription`: Pothos, and every reader of the printed SDL without a schema block, take a type of that
// name for the schema's subscription root (it was, until schema.test.ts checked the roots).
export const SubscriptionType = builder.objectRef<SubscriptionDto>('PartnerCenterCustomerSubscription').implement({
  description:
    'A customer\'s subscription. Null properties were left out by Partner Center. Reading subscriptions costs Partner Center calls per customer, not per field; see docs/cost-model.md.',
  fields: (t) => ({
    id: t.exposeID('id', { nullable: false, description: 'Subscription id (a GUID).' }),
    offerId: t.string({ description: 'The offer: a legacy offer GUID, or `productId:skuId:availabilityId` for new commerce.', resolve: (s) => stringOrNull(s.offerId) }),
    offerName: t.string({ description: 'Name of the offer, e.g. `Microsoft 365 Business Basic`.', resolve: (s) => stringOrNull(s.offerName) }),
    friendlyName: t.string({ description: 'Partner-defined name.', resolve: (s) => stringOrNull(s.friendlyName) }),
    quantity: t.int({ description: 'Licences or instances.', resolve: (s) => integerOrNull(s.quantity) }),
    unitType: t.string({ description: 'Unit of `quantity` as Partner Center spells it: `Licenses`, `Usage-based`, `none`.', resolve: (s) => stringOrNull(s.unitType) }),
    status: t.field({ type: SubscriptionStatusEnum, description: 'Where it stands. Null when absent; UNKNOWN for values this gateway does not know.', resolve: (s) => parseStatus(s.status) }),
    billingCycle: t.field({
      type: BillingCycleEnum,
      description: 'How often it is billed; null when absent, UNKNOWN when Partner Center sent a cycle this gateway does not know.',
      resolve: (s) => parseBillingCycle(s.billingCycle),
    }),
    termDuration: t.string({ description: 'ISO-8601 duration of the term: `P1M`, `P1Y`, `P3Y`.', resolve: (s) => stringOrNull(s.termDuration) }),
    autoRenewEnabled: t.boolean({ description: 'Whether it renews at the end of the term.', resolve: (s) => bool(s.autoRenewEnabled) }),
    isTrial: t.boolean({ description: 'Whether it is a trial.', resolve: (s) => bool(s.isTrial) }),
    orderId: t.string({ description: 'The order that created it (the `id` of an Order of the same customer).', resolve: (s) => stringOrNull(s.orderId) }),
    creationDate: t.field({
      type: DateTimeScalar,
      description: 'When it was created. Null when absent; null with UPSTREAM_ERROR when Partner Center sent something that is not a date.',
      resolve: (s) => readDateTime(s.creationDate, 'creationDate'),
    }),
    effectiveStartDate: t.field({
      type: DateTimeScalar,
      description: 'When the current term started. Null when absent; null with UPSTREAM_ERROR when Partner Center sent something that is not a date.',
      resolve: (s) => readDateTime(s.effectiveStartDate, 'effectiveStartDate'),
    }),
    commitmentEndDate: t.field({
      type: DateTimeScalar,
      description: 'When the commitment ends (`9999-12-10…` for subscriptions that never end). Null when absent; null with UPSTREAM_ERROR when Partner Center sent something that is not a date.',
      resolve: (s) => readDateTime(s.commitmentEndDate, 'commitmentEndDate'),
    }),
  }),
});

builder.objectField(CustomerType, 'subscriptions', (t) =>
  t.field({
    type: [SubscriptionType],
    description: `Every subscription of the customer. Null, with the error (e.g. UPSTREAM_ERROR, THROTTLED), when Partner Center cannot list them; when the customer does not exist or is not the signed-in partner's, the customer itself is null (NOT_FOUND / FORBIDDEN).`,
    // Its list also tells whether the customer exists.
    resolve: (c, _, ctx, info) => customerLoad(c, info, ctx.loaders.subscriptions.load(c.id)),
  }),
);

builder.objectField(OrderLineItemType, 'subscription', (t) =>
  t.field({
    type: SubscriptionType,
    description: 'The subscription this line created. Null with no error when the line has no `subscriptionId` (yet); null with NOT_FOUND when Partner Center does not know it.',
    resolve: (item, _, ctx) => {
      const id = item.subscriptionId;
      if (id === undefined || id === null || id === '') return null;
      if (typeof id !== 'string' || !isGuid(id)) throw unusableReference('subscriptionId', id);
      return ctx.loaders.subscription.load({ customerId: item.customerId, subscriptionId: id });
    },
  }),
);
