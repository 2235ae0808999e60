import { parseBillingCycle } from '../partner-center/client/billing-cycle.js';
import type { CustomerOrder, OrderLineItemDto } from '../partner-center/client/types.js';
import { BillingCycleEnum } from './billing-cycle.js';
import { builder } from './builder.js';
import { DateTimeScalar, readDateTime } from './date-time.js';
import { OrderStatusEnum, OrderTransactionTypeEnum, parseOrderStatus, parseOrderTransactionType } from './enums.js';
import { OrderLineItemType, stringOrNull } from './line-item.js';
import { MoneyType, readMoney } from './money.js';
import { pricedOrder, PRICE_COST } from './prices.js';

export const OrderType = builder.objectRef<CustomerOrder>('Order').implement({
  description: `A customer\'s order. Its fields come with the order list or order that returned it, except \`provisioningStatus\` (one Partner Center call per order). ${PRICE_COST} See docs/cost-model.md.`,
  fields: (t) => ({
    id: t.exposeID('id', {
      nullable: false,
      description: 'Order id: a GUID (legacy), a 33-character base64url-like id (one-time) or 12 hex digits (new commerce).',
    }),
    customerId: t.exposeID('customerId', {
      nullable: false,
      description: 'Tenant id of the customer the order belongs to (a lower-case GUID).',
    }),
    alternateId: t.string({ description: 'Friendly id of 12 hex digits; often null on legacy orders.', resolve: (o) => stringOrNull(o.alternateId) }),
    referenceCustomerId: t.string({ description: 'The customer\'s tenant id, as Partner Center records it on the order; null when absent.', resolve: (o) => stringOrNull(o.referenceCustomerId) }),
    billingCycle: t.field({
      type: BillingCycleEnum,
      description: 'How often the order is billed. Null when Partner Center left it out (legacy orders); UNKNOWN for a value this gateway does not know.',
      resolve: (o) => parseBillingCycle(o.billingCycle),
    }),
    currencyCode: t.string({ description: 'Currency of the order\'s prices, an ISO 4217 code, e.g. `USD`; null when absent.', resolve: (o) => stringOrNull(o.currencyCode) }),
    currencySymbol: t.string({ description: 'Currency symbol, e.g. `$`; often null on older orders.', resolve: (o) => stringOrNull(o.currencySymbol) }),
    status: t.field({
      type: OrderStatusEnum,
      description: 'Where the order stands. Null when absent; UNKNOWN for other values (e.g. legacy `none`).',
      resolve: (o) => parseOrderStatus(o.status),
    }),
    creationDate: t.field({
      type: DateTimeScalar,
      description:
        'When the order was created. Null when absent; null with UPSTREAM_ERROR when Partner Center sent something that is not a date.',
      resolve: (o) => readDateTime(o.creationDate, 'creationDate'),
    }),
    transactionType: t.field({
      type: OrderTransactionTypeEnum,
      description: 'How the order came about. Null when absent; UNKNOWN for a value this gateway does not know.',
      resolve: (o) => parseOrderTransactionType(o.transactionType),
    }),
    totalPrice: t.field({
      type: MoneyType,
      description: `The order's total before tax, in its \`currencyCode\`: the sum of its lines' \`pricing.extendedPrice\`. Null when Partner Center gives no price for it (e.g. the signed-in user may not see prices).`,
      resolve: async (o, _, ctx) => {
        const priced = await pricedOrder(o, ctx);
        return readMoney(priced.totalPrice, priced.currencyCode, 'totalPrice');
      },
    }),
    lineItems: t.field({
      type: [OrderLineItemType],
      nullable: false,
      complexity: { field: 1, multiplier: 4 },
      description: 'The order\'s lines, in Partner Center\'s order; empty when there are none.',
      // Each line carries its order and its customer: subscriptions are read under that customer, prices in its currency.
      resolve: (o) => (Array.isArray(o.lineItems) ? o.lineItems.filter(isObject).map((item) => ({ ...item, customerId: o.customerId, order: o })) : []),
    }),
  }),
});

function isObject(value: unknown): value is OrderLineItemDto {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
