import type { CustomerOrder, OrderLineItemDto } from '../partner-center/client/types.js';
import { builder } from './builder.js';

export const KeyValueType = builder.objectRef<{ key: string; value: string }>('PartnerCenterKeyValue').implement({
  description: 'One entry of a string map, e.g. of a line item\'s provisioning context.',
  fields: (t) => ({
    key: t.exposeString('key', { nullable: false, description: 'The key, as Partner Center sent it.' }),
    value: t.exposeString('value', { nullable: false, description: 'The value; non-string values are given as JSON.' }),
  }),
});

/** A line item with the tenant id of the customer whose order holds it (lines do not name their customer), and that order. */
export type LineItemParent = OrderLineItemDto & { readonly customerId: string; readonly order: CustomerOrder };

export const OrderLineItemType = builder.objectRef<LineItemParent>('PartnerCenterOrderLineItem').implement({
  description:
    'One line of an order. Its fields come with its order, except `activationLinks`, `subscription`, `sku` and `product`, which cost Partner Center calls (docs/cost-model.md). Null means Partner Center left the property out.',
  fields: (t) => ({
    lineItemNumber: t.int({
      description: 'Position in the order, 0 to count-1, unique within the order.',
      resolve: (item) => integerOrNull(item.lineItemNumber),
    }),
    offerId: t.string({
      description:
        'The offer bought: a legacy offer GUID, or `productId:skuId:availabilityId` for the new catalog (e.g. `DZH318Z0BQ4B:000Z:DZH318Z0DSPL`).',
      resolve: (item) => stringOrNull(item.offerId),
    }),
    subscriptionId: t.string({
      description: 'The subscription this line created; null until one exists (e.g. pending orders, reservations).',
      resolve: (item) => stringOrNull(item.subscriptionId),
    }),
    parentSubscriptionId: t.string({
      description: 'For add-ons: the subscription this one attaches to.',
      resolve: (item) => stringOrNull(item.parentSubscriptionId),
    }),
    friendlyName: t.string({ description: 'Partner-defined name.', resolve: (item) => stringOrNull(item.friendlyName) }),
    quantity: t.int({ description: 'Licences or instances.', resolve: (item) => integerOrNull(item.quantity) }),
    termDuration: t.string({
      description: 'ISO-8601 duration of the term: `P1M`, `P1Y`, `P3Y`.',
      resolve: (item) => stringOrNull(item.termDuration),
    }),
    partnerIdOnRecord: t.string({
      description: 'MPN id of the indirect reseller on record.',
      resolve: (item) => stringOrNull(item.partnerIdOnRecord),
    }),
    additionalPartnerIdsOnRecord: t.stringList({
      description: 'MPN ids of further partners on record (new commerce); null when Partner Center sent none.',
      resolve: (item) => (Array.isArray(item.additionalPartnerIdsOnRecord) ? item.additionalPartnerIdsOnRecord.filter((id): id is string => typeof id === 'string') : null),
    }),
    promotionId: t.string({ description: 'The promotion applied to this line, when there is one.', resolve: (item) => stringOrNull(item.promotionId) }),
    attestationAccepted: t.boolean({
      description: 'Whether the attestation the offer requires was accepted at checkout; null when the offer needs none or Partner Center left it out.',
      resolve: (item) => (typeof item.attestationAccepted === 'boolean' ? item.attestationAccepted : null),
    }),
    provisioningContext: t.field({
      type: [KeyValueType],
      description: 'Provisioning details as key/value pairs, sorted by key; null when Partner Center sent none.',
      resolve: (item) => keyValues(item.provisioningContext),
    }),
  }),
});

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function integerOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isSafeInteger(value) ? value : null;
}

function keyValues(map: unknown): { key: string; value: string }[] | null {
  if (map === null || typeof map !== 'object' || Array.isArray(map)) return null;
  return Object.entries(map as Record<string, unknown>)
    .map(([key, value]) => ({ key, value: typeof value === 'string' ? value : JSON.stringify(value) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export { integerOrNull, stringOrNull };
