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

export const OrderStatusEnum = builder.enumType('OrderStatus', {
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

export const RelationshipToPartnerEnum = builder.enumType('RelationshipToPartner', {
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
