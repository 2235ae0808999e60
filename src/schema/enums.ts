import { builder } from './builder.js';

/**
 * String enums Partner Center sends in lower snake_case. Unknown strings map to UNKNOWN so a value
 * added upstream never fails a response; a missing value is null.
 */
export function parseEnum<T extends string>(values: readonly T[]) {
  const known = new Map(values.map((value) => [value.replaceAll('_', ''), value]));
  return (raw: unknown): T | null => {
    if (raw === undefined || raw === null) return null;
    const folded = typeof raw === 'string' ? raw.trim().toLowerCase().replaceAll('_', '') : '';
    return known.get(folded) ?? ('unknown' as T);
  };
}

const ORDER_STATUSES = ['unknown', 'completed', 'pending', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
export const parseOrderStatus = parseEnum<OrderStatus>(ORDER_STATUSES);

export const OrderStatusEnum = builder.enumType('PartnerCenterOrderStatus', {
  description: 'Where an order stands. Values the gateway does not recognise (such as the legacy `none`) are UNKNOWN.',
  values: {
    UNKNOWN: { value: 'unknown', description: 'Not one of the documented statuses (includes legacy `none`).' },
    COMPLETED: { value: 'completed', description: 'Fulfilled.' },
    PENDING: { value: 'pending', description: 'Submitted and not yet fulfilled.' },
    CANCELLED: { value: 'cancelled', description: 'Cancelled.' },
  } as const,
});

const RELATIONSHIPS = ['unknown', 'reseller', 'advisor', 'syndication', 'microsoft_support', 'none'] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];
export const parseRelationship = parseEnum<Relationship>(RELATIONSHIPS);

export const RelationshipToPartnerEnum = builder.enumType('PartnerCenterRelationshipToPartner', {
  description: 'How the signed-in partner relates to the customer.',
  values: {
    UNKNOWN: { value: 'unknown', description: 'Not recognised by this gateway.' },
    RESELLER: { value: 'reseller', description: 'The partner resells to this customer.' },
    ADVISOR: { value: 'advisor', description: 'The partner advises this customer.' },
    SYNDICATION: { value: 'syndication', description: 'Syndication partner.' },
    MICROSOFT_SUPPORT: { value: 'microsoft_support', description: 'Microsoft support relationship.' },
    NONE: { value: 'none', description: 'No relationship.' },
  } as const,
});

const ORDER_TRANSACTIONS = ['unknown', 'user_purchase', 'system_purchase', 'system_billing'] as const;
export const parseOrderTransactionType = parseEnum<(typeof ORDER_TRANSACTIONS)[number]>(ORDER_TRANSACTIONS);

export const OrderTransactionTypeEnum = builder.enumType('PartnerCenterOrderTransactionType', {
  description:
    'How an order came about. Values this gateway does not know are UNKNOWN.',
  values: {
    USER_PURCHASE: { value: 'user_purchase', description: 'Bought by the partner or customer (`UserPurchase`).' },
    SYSTEM_PURCHASE: { value: 'system_purchase', description: 'Created by Partner Center itself, e.g. an automatic purchase (`SystemPurchase`). Listed only with `includeSystemPurchases: true`.' },
    SYSTEM_BILLING: { value: 'system_billing', description: 'Created by Partner Center for billing (`SystemBilling`). Listed only with `includeSystemPurchases: true`.' },
    UNKNOWN: { value: 'unknown', description: 'A value this gateway does not recognise.' },
  } as const,
});

const LINE_TRANSACTIONS = ['unknown', 'new', 'renew', 'add_quantity', 'remove_quantity', 'cancel', 'convert', 'customer_credit'] as const;
export const parseLineItemTransactionType = parseEnum<(typeof LINE_TRANSACTIONS)[number]>(LINE_TRANSACTIONS);

export const LineItemTransactionTypeEnum = builder.enumType('PartnerCenterLineItemTransactionType', {
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
  } as const,
});
