import type { SubscriptionDto } from '../partner-center/client/types.js';
import { builder } from './builder.js';
import { ProductTypeType } from './catalog.js';
import { DateTimeScalar, readDateTime } from './date-time.js';
import { partnerCenterEnum } from './enums.js';
import { integerOrNull, stringOrNull } from './line-item.js';
import { LinkType, linkOrNull } from './link.js';
import { objectOrNull } from './profile.js';
import { SubscriptionType } from './subscription.js';

const bool = (value: unknown) => (typeof value === 'boolean' ? value : null);
const strings = (value: unknown) => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : null);
const date = (field: keyof SubscriptionDto) => (s: SubscriptionDto) => readDateTime(s[field], field);
const DATE = 'Null with UPSTREAM_ERROR when Partner Center sent something that is not a date.';

export const { ref: SubscriptionBillingTypeEnum, parse: parseBillingType } = partnerCenterEnum('PartnerCenterSubscriptionBillingType', {
  description: 'How a subscription is billed. Values this gateway does not know are UNKNOWN.',
  values: {
    NONE: { value: 'none', description: 'Not set (`none`).' },
    USAGE: { value: 'usage', description: 'Billed by consumption (`usage`), e.g. Azure.' },
    LICENSE: { value: 'license', description: 'Billed per licence (`license`).' },
    UNKNOWN: { value: 'unknown', description: 'A value this gateway does not recognise.' },
  },
});

export const { ref: ContractTypeEnum, parse: parseContractType } = partnerCenterEnum('PartnerCenterContractType', {
  description: 'What kind of contract the subscription is. Values this gateway does not know are UNKNOWN.',
  values: {
    SUBSCRIPTION: { value: 'subscription', description: 'A subscription.' },
    PRODUCT_KEY: { value: 'product_key', description: 'A product key (e.g. perpetual software).' },
    REDEMPTION_CODE: { value: 'redemption_code', description: 'A redemption code.' },
    UNKNOWN: { value: 'unknown', description: 'A value this gateway does not recognise.' },
  },
});

export const { ref: SubscriptionActionEnum, parse: parseAction } = partnerCenterEnum('PartnerCenterSubscriptionAction', {
  description: 'What the partner may do with a subscription now. Values this gateway does not know are UNKNOWN.',
  values: {
    EDIT: { value: 'edit', description: 'It may be changed (quantity, auto-renew …).' },
    CANCEL: { value: 'cancel', description: 'It may be cancelled.' },
    UNKNOWN: { value: 'unknown', description: 'A value this gateway does not recognise.' },
  },
});

type RefundableQuantity = NonNullable<SubscriptionDto['refundableQuantity']>;
type RefundableDetail = NonNullable<RefundableQuantity['details']>[number];

export const RefundableQuantityDetailType = builder.objectRef<RefundableDetail>('PartnerCenterRefundableQuantityDetail').implement({
  description: 'Seats that can be removed for a refund until a given time.',
  fields: (t) => ({
    quantity: t.int({ description: 'Seats in this window.', resolve: (d) => integerOrNull(d.quantity) }),
    allowedUntilDateTime: t.field({ type: DateTimeScalar, description: `Until when they can be removed. ${DATE}`, resolve: (d) => readDateTime(d.allowedUntilDateTime, 'allowedUntilDateTime') }),
  }),
});

export const RefundableQuantityType = builder.objectRef<RefundableQuantity>('PartnerCenterRefundableQuantity').implement({
  description: 'Seats that can be removed for a refund right now (new commerce).',
  fields: (t) => ({
    totalQuantity: t.int({ description: 'All such seats.', resolve: (r) => integerOrNull(r.totalQuantity) }),
    details: t.field({
      type: [RefundableQuantityDetailType],
      nullable: false,
      description: 'The seats per refund window; empty when Partner Center sent none.',
      resolve: (r) => (Array.isArray(r.details) ? r.details.filter((d): d is RefundableDetail => d !== null && typeof d === 'object') : []),
    }),
  }),
});

type RefundOption = NonNullable<SubscriptionDto['refundOptions']>[number];
export const RefundOptionType = builder.objectRef<RefundOption>('PartnerCenterRefundOption').implement({
  description: 'A refund the subscription can still get.',
  fields: (t) => ({
    type: t.string({ description: 'As Partner Center spells it: `Full` or `Partial`.', resolve: (r) => stringOrNull(r.type) }),
    expiresAfter: t.field({ type: DateTimeScalar, description: `When the option ends; null when it does not. ${DATE}`, resolve: (r) => readDateTime(r.expiresAfter, 'expiresAfter') }),
  }),
});

type Links = NonNullable<SubscriptionDto['links']>;
export const SubscriptionLinksType = builder.objectRef<Links>('PartnerCenterSubscriptionLinks').implement({
  description: 'Links Partner Center attaches to a subscription (relative to the Partner Center API, not this gateway); each null when absent.',
  fields: (t) => {
    const link = (name: string, description: string) => t.field({ type: LinkType, description, resolve: (l) => linkOrNull(l[name]) });
    return {
      self: link('self', 'The subscription itself.'),
      offer: link('offer', 'Its legacy offer.'),
      product: link('product', 'Its catalog product.'),
      sku: link('sku', 'Its catalog SKU.'),
      availability: link('availability', 'The availability it was bought from.'),
      parentSubscription: link('parentSubscription', 'The subscription an add-on belongs to.'),
      activationLinks: link('activationLinks', 'Where its activation links are read.'),
      entitlement: link('entitlement', 'Its Azure entitlement.'),
    };
  },
});

builder.objectFields(SubscriptionType, (t) => ({
  entitlementId: t.string({ description: 'The entitlement, e.g. the Azure subscription id of an Azure plan entitlement.', resolve: (s) => stringOrNull(s.entitlementId) }),
  parentSubscriptionId: t.string({ description: 'For an add-on: the subscription it belongs to.', resolve: (s) => stringOrNull(s.parentSubscriptionId) }),
  migratedFromSubscriptionId: t.string({ description: 'For a new-commerce subscription migrated from a legacy one: that one\'s id.', resolve: (s) => stringOrNull(s.migratedFromSubscriptionId) }),
  billingType: t.field({ type: SubscriptionBillingTypeEnum, description: 'How it is billed; null when absent.', resolve: (s) => parseBillingType(s.billingType) }),
  publisherName: t.string({ description: 'Who publishes the product, e.g. `Microsoft Corporation`.', resolve: (s) => stringOrNull(s.publisherName) }),
  isMicrosoftProduct: t.boolean({ description: 'Whether Microsoft publishes it (false for third-party marketplace products).', resolve: (s) => bool(s.isMicrosoftProduct) }),
  actions: t.field({
    type: [SubscriptionActionEnum],
    description: 'What the partner may do with it now; null when Partner Center sent none.',
    resolve: (s) => (Array.isArray(s.actions) ? s.actions.map(parseAction).filter((a) => a !== null) : null),
  }),
  partnerId: t.string({ description: 'MPN id of the reseller of record (indirect model).', resolve: (s) => stringOrNull(s.partnerId) }),
  suspensionReasons: t.stringList({ description: 'Why it is suspended, as Partner Center words it (e.g. `CustomerCancellation`); null when it is not suspended.', resolve: (s) => strings(s.suspensionReasons) }),
  contractType: t.field({ type: ContractTypeEnum, description: 'What kind of contract it is; null when absent.', resolve: (s) => parseContractType(s.contractType) }),
  renewalTermDuration: t.string({
    description: 'ISO-8601 duration of the term it renews into (`P1M`, `P1Y`); null when absent or empty (Partner Center sends `""` when there is none).',
    resolve: (s) => (typeof s.renewalTermDuration === 'string' && s.renewalTermDuration !== '' ? s.renewalTermDuration : null),
  }),
  productType: t.field({ type: ProductTypeType, description: 'The catalog category of what it is for, e.g. `OnlineServicesNCE`.', resolve: (s) => objectOrNull(s.productType) }),
  consumptionType: t.string({ description: 'How it is consumed, as Partner Center spells it (e.g. `None`, `Consumption`).', resolve: (s) => stringOrNull(s.consumptionType) }),
  promotionId: t.string({ description: 'The promotion it was bought with, when there is one.', resolve: (s) => stringOrNull(s.promotionId) }),
  cancellationAllowedUntilDate: t.field({
    type: DateTimeScalar,
    description: `The last moment it can be cancelled in its current term; null when it cannot be cancelled. ${DATE}`,
    resolve: date('cancellationAllowedUntilDate'),
  }),
  billingCycleEndDate: t.field({ type: DateTimeScalar, description: `When the current billing period ends (term-based subscriptions). ${DATE}`, resolve: date('billingCycleEndDate') }),
  commitmentEndDateTime: t.field({ type: DateTimeScalar, description: `\`commitmentEndDate\` with its time of day. ${DATE}`, resolve: date('commitmentEndDateTime') }),
  hasPurchasableAddons: t.boolean({ description: 'Whether add-ons can be bought for it.', resolve: (s) => bool(s.hasPurchasableAddons) }),
  attentionNeeded: t.boolean({ description: 'Whether Partner Center flags it as needing the partner\'s attention.', resolve: (s) => bool(s.attentionNeeded) }),
  actionTaken: t.boolean({ description: 'Whether the partner acted on that flag.', resolve: (s) => bool(s.actionTaken) }),
  refundableQuantity: t.field({ type: RefundableQuantityType, description: 'Seats that can be removed for a refund right now; null when Partner Center gives none.', resolve: (s) => objectOrNull(s.refundableQuantity) }),
  refundOptions: t.field({
    type: [RefundOptionType],
    description: 'Refunds it can still get; null when Partner Center sent none.',
    resolve: (s) => (Array.isArray(s.refundOptions) ? s.refundOptions.filter((r): r is RefundOption => r !== null && typeof r === 'object') : null),
  }),
  links: t.field({ type: SubscriptionLinksType, description: 'Links to related Partner Center resources; null when absent.', resolve: (s) => objectOrNull(s.links) }),
}));
