import { builder } from './builder.js';

/** How a wire spelling is folded before it is compared: case and underscores always; spaces and hyphens too when loose. */
const FOLDS = { snake: /_/g, loose: /[\s_-]/g } as const;

/**
 * A string a Partner Center enum was sent as, read into the enum's value: unknown strings are UNKNOWN so a value
 * added upstream never fails a response; a missing value is null.
 */
export function parseEnum<T extends string>(values: readonly T[], fold: keyof typeof FOLDS = 'snake') {
  const pattern = FOLDS[fold];
  const known = new Map(values.map((value) => [value.replace(pattern, ''), value]));
  return (raw: unknown): T | null => {
    if (raw === undefined || raw === null) return null;
    const folded = typeof raw === 'string' ? raw.trim().toLowerCase().replace(pattern, '') : '';
    return known.get(folded) ?? ('unknown' as T);
  };
}

interface EnumValue {
  readonly value: string;
  readonly description: string;
}

/**
 * A GraphQL enum of Partner Center strings and the reader of those strings, from one list of values (it must
 * hold UNKNOWN). `snake` values are Partner Center's lower snake_case; `loose` ones are also sent with spaces
 * (`Credit Note`).
 */
export function partnerCenterEnum<const V extends Record<string, EnumValue>>(
  name: string,
  options: { description: string; values: V },
  fold: keyof typeof FOLDS = 'snake',
) {
  const ref = builder.enumType(name, options);
  const parse = parseEnum(Object.values(options.values).map((entry) => entry.value as V[keyof V]['value']), fold);
  return { ref, parse };
}

export const { ref: OrderStatusEnum, parse: parseOrderStatus } = partnerCenterEnum('PartnerCenterOrderStatus', {
  description: 'Where an order stands. Values the gateway does not recognise (such as the legacy `none`) are UNKNOWN.',
  values: {
    UNKNOWN: { value: 'unknown', description: 'Not one of the documented statuses (includes legacy `none`).' },
    COMPLETED: { value: 'completed', description: 'Fulfilled.' },
    PENDING: { value: 'pending', description: 'Submitted and not yet fulfilled.' },
    CANCELLED: { value: 'cancelled', description: 'Cancelled.' },
  },
});
export type OrderStatus = NonNullable<ReturnType<typeof parseOrderStatus>>;

export const { ref: RelationshipToPartnerEnum, parse: parseRelationship } = partnerCenterEnum('PartnerCenterRelationshipToPartner', {
  description: 'How the signed-in partner relates to the customer.',
  values: {
    UNKNOWN: { value: 'unknown', description: 'Not recognised by this gateway.' },
    RESELLER: { value: 'reseller', description: 'The partner resells to this customer.' },
    ADVISOR: { value: 'advisor', description: 'The partner advises this customer.' },
    SYNDICATION: { value: 'syndication', description: 'Syndication partner.' },
    MICROSOFT_SUPPORT: { value: 'microsoft_support', description: 'Microsoft support relationship.' },
    NONE: { value: 'none', description: 'No relationship.' },
  },
});
export type Relationship = NonNullable<ReturnType<typeof parseRelationship>>;

export const { ref: OrderTransactionTypeEnum, parse: parseOrderTransactionType } = partnerCenterEnum('PartnerCenterOrderTransactionType', {
  description:
    'How an order came about. Values this gateway does not know are UNKNOWN.',
  values: {
    USER_PURCHASE: { value: 'user_purchase', description: 'Bought by the partner or customer (`UserPurchase`).' },
    SYSTEM_PURCHASE: { value: 'system_purchase', description: 'Created by Partner Center itself, e.g. an automatic purchase (`SystemPurchase`). Listed only with `includeSystemPurchases: true`.' },
    SYSTEM_BILLING: { value: 'system_billing', description: 'Created by Partner Center for billing (`SystemBilling`). Listed only with `includeSystemPurchases: true`.' },
    UNKNOWN: { value: 'unknown', description: 'A value this gateway does not recognise.' },
  },
});

export const { ref: LineItemTransactionTypeEnum, parse: parseLineItemTransactionType } = partnerCenterEnum('PartnerCenterLineItemTransactionType', {
  description:
    'What an order line did. Values this gateway does not know are UNKNOWN.',
  values: {
    NEW: { value: 'new', description: 'A new purchase.' },
    RENEW: { value: 'renew', description: 'A renewal.' },
    ADD_QUANTITY: { value: 'add_quantity', description: 'Seats added (`addQuantity`).' },
    REMOVE_QUANTITY: { value: 'remove_quantity', description: 'Seats removed (`removeQuantity`).' },
    CANCEL: { value: 'cancel', description: 'A cancellation.' },
    CONVERT: { value: 'convert', description: 'A conversion, e.g. trial to paid.' },
    CUSTOMER_CREDIT: { value: 'customer_credit', description: 'A credit to the customer (`customerCredit`).' },
    UNKNOWN: { value: 'unknown', description: 'A value this gateway does not recognise.' },
  },
});
