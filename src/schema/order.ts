import { parseBillingCycle } from '../partner-center/billing-cycle.js';
import type { CustomerOrder, OrderLineItemDto } from '../partner-center/types.js';
import { BillingCycleEnum } from './billing-cycle.js';
import { builder } from './builder.js';
import { DateTimeScalar, readDateTime } from './date-time.js';
import { OrderStatusEnum, OrderTransactionTypeEnum, parseOrderStatus, parseOrderTransactionType } from './enums.js';
import { OrderLineItemType, stringOrNull } from './line-item.js';
import { MoneyType, readMoney } from './money.js';
import { pricedOrder, PRICE_COST } from './prices.js';

export const OrderType = builder.objectRef<CustomerOrder>('Order').implement({
  description: 'A customer\'s order, from the customer\'s order list (no extra upstream call per order).',
  fields: (t) => ({
    id: t.exposeID('id', {
      nullable: false,
      description: 'Order id: a GUID (legacy), a 33-character base64url-like id (one-time) or 12 hex digits (new commerce).',
    }),
    customerId: t.exposeID('customerId', {
      nullable: false,
      description: 'Tenant id of the customer the order was read from (lower-case). With `id`, the order\'s federation key.',
    }),
    alternateId: t.string({ description: 'Friendly 12-hex id; often absent on legacy orders.', resolve: (o) => stringOrNull(o.alternateId) }),
    referenceCustomerId: t.string({ description: 'The customer\'s tenant id.', resolve: (o) => stringOrNull(o.referenceCustomerId) }),
    billingCycle: t.field({
      type: BillingCycleEnum,
      description: 'Null when Partner Center left it out (legacy orders); UNKNOWN when it sent a value this gateway does not know.',
      resolve: (o) => parseBillingCycle(o.billingCycle),
    }),
    currencyCode: t.string({ description: 'ISO-4217 code, e.g. `USD`.', resolve: (o) => stringOrNull(o.currencyCode) }),
    currencySymbol: t.string({ description: 'e.g. `$`; often absent on older orders.', resolve: (o) => stringOrNull(o.currencySymbol) }),
    status: t.field({
      type: OrderStatusEnum,
      description: 'Null when absent; UNKNOWN for values outside the documented four (e.g. legacy `none`).',
      resolve: (o) => parseOrderStatus(o.status),
    }),
    creationDate: t.field({
      type: DateTimeScalar,
      description:
        'When the order was created. Stray whitespace from the upstream is removed; a value that is not a date nulls this field alone, with an UPSTREAM_ERROR.',
      resolve: (o) => readDateTime(o.creationDate, 'creationDate'),
    }),
    transactionType: t.field({
      type: OrderTransactionTypeEnum,
      description: 'How the order came about. Null when absent; UNKNOWN for a value this gateway does not know.',
      resolve: (o) => parseOrderTransactionType(o.transactionType),
    }),
    totalPrice: t.field({
      type: MoneyType,
      description: `The order's total before tax, in its \`currencyCode\`: the sum of its lines' \`pricing.extendedPrice\`. Null when Partner Center has no price for it (or denies the caller pricing, code 800043). ${PRICE_COST}`,
      resolve: async (o, _, ctx) => {
        const priced = await pricedOrder(o, ctx);
        return readMoney(priced.totalPrice, priced.currencyCode, 'totalPrice');
      },
    }),
    lineItems: t.field({
      type: [OrderLineItemType],
      nullable: false,
      complexity: { field: 1, multiplier: 4 },
      description: 'The order\'s lines, in Partner Center\'s order. Empty when the upstream sent none.',
      // Each line carries its order and its customer: subscriptions are read under that customer, prices in its currency.
      resolve: (o) => (Array.isArray(o.lineItems) ? o.lineItems.filter(isObject).map((item) => ({ ...item, customerId: o.customerId, order: o })) : []),
    }),
  }),
});

function isObject(value: unknown): value is OrderLineItemDto {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
