import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../app/context.js';
import { badUserInput } from '../errors.js';
import { isGuid, isOrderId, normalizeGuid } from '../partner-center/client/ids.js';
import type { CustomerOrder, ProvisioningStatusDto } from '../partner-center/client/types.js';
import { builder, CALL_PER_ITEM_COST } from './builder.js';
import { CustomerType } from './customer.js';
import { partnerCenterEnum } from './enums.js';
import { integerOrNull } from './line-item.js';
import { OrderType } from './order.js';
import { selectsPrice } from './prices.js';
import { unusableReference } from './upstream-data.js';

export const { ref: ProvisioningStatusEnum, parse: parseStatus } = partnerCenterEnum('PartnerCenterProvisioningStatus', {
  description: 'How far an order line is provisioned. Values this gateway does not know are UNKNOWN.',
  values: {
    FULFILLED: { value: 'fulfilled', description: 'Provisioned.' },
    UNFULFILLED: { value: 'unfulfilled', description: 'Not provisioned, e.g. the order was cancelled.' },
    PREFULFILLMENT_PENDING: { value: 'prefulfillment_pending', description: 'Waiting to be provisioned.' },
    UNKNOWN: { value: 'unknown', description: 'A status this gateway does not recognise.' },
  },
});

type QuantityStatus = { quantity?: number; status?: string };

export const QuantityProvisioningStatusType = builder.objectRef<QuantityStatus>('PartnerCenterQuantityProvisioningStatus').implement({
  description: 'How many units of a line are in one provisioning status.',
  fields: (t) => ({
    quantity: t.int({ description: 'Units in this status.', resolve: (q) => integerOrNull(q.quantity) }),
    status: t.field({ type: ProvisioningStatusEnum, description: 'Their status; null when absent.', resolve: (q) => parseStatus(q.status) }),
  }),
});

export const LineItemProvisioningStatusType = builder.objectRef<ProvisioningStatusDto>('PartnerCenterLineItemProvisioningStatus').implement({
  description: 'The provisioning status of one order line.',
  fields: (t) => ({
    lineItemNumber: t.int({ description: 'The line (`PartnerCenterOrderLineItem.lineItemNumber`).', resolve: (p) => integerOrNull(p.lineItemNumber) }),
    status: t.field({ type: ProvisioningStatusEnum, description: 'The line\'s status; null when absent.', resolve: (p) => parseStatus(p.status) }),
    quantityProvisioningInformation: t.field({
      type: [QuantityProvisioningStatusType],
      description: 'Units per status; empty when there are none.',
      resolve: (p) =>
        Array.isArray(p.quantityProvisioningInformation)
          ? p.quantityProvisioningInformation.filter((q): q is QuantityStatus => q !== null && typeof q === 'object')
          : [],
    }),
  }),
});

builder.objectField(OrderType, 'provisioningStatus', (t) =>
  t.field({
    type: [LineItemProvisioningStatusType],
    // One call per order, and one status per line (lineItems guesses 4).
    complexity: { field: CALL_PER_ITEM_COST, multiplier: 4 },
    description:
      'Provisioning status of each line. Null with NOT_FOUND when Partner Center has no provisioning information for the order.',
    resolve: (o, _, ctx) => {
      if (!isOrderId(o.id)) throw unusableReference('order id', o.id);
      return ctx.loaders.provisioningStatus.load({ customerId: o.customerId, orderId: o.id });
    },
  }),
);

const ORDER_COST = 'Sees a new order at once, unlike `Customer.orders`. Null with NOT_FOUND when there is no such order.';
const ORDER_ID = 'Order id: a GUID, a 33-character one-time id or 12 hex digits. Other characters are BAD_USER_INPUT.';

function loadOrder(customerId: string, orderId: string, ctx: Context, info: GraphQLResolveInfo): Promise<CustomerOrder> {
  if (!isOrderId(orderId)) throw badUserInput('Order id has characters no order id has.', { argument: 'id' });
  return ctx.loaders.order.load({ customerId: normalizeGuid(customerId), orderId, priced: selectsPrice(info, info.fieldNodes) });
}

builder.objectField(CustomerType, 'order', (t) =>
  t.field({
    type: OrderType,
    description: `One order of this customer. ${ORDER_COST}`,
    args: { id: t.arg.id({ required: true, description: ORDER_ID }) },
    resolve: (c, args, ctx, info) => loadOrder(c.id, String(args.id), ctx, info),
  }),
);

builder.queryField('order', (t) =>
  t.field({
    type: OrderType,
    description: `One order by customer and order id. ${ORDER_COST} Also null with NOT_FOUND or FORBIDDEN when the customer does not exist or is not the signed-in partner's.`,
    args: {
      customerId: t.arg.id({ required: true, description: 'The customer\'s tenant id (a GUID); anything else is BAD_USER_INPUT.' }),
      id: t.arg.id({ required: true, description: ORDER_ID }),
    },
    resolve: (_, args, ctx, info) => {
      const customerId = String(args.customerId);
      if (!isGuid(customerId)) throw badUserInput('customerId must be a GUID.', { argument: 'customerId' });
      return loadOrder(customerId, String(args.id), ctx, info);
    },
  }),
);
