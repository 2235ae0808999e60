import { isOrderId } from '../partner-center/client/ids.js';
import type { ActivationLinkDto, PricingDto } from '../partner-center/client/types.js';
import { builder } from './builder.js';
import { DateTimeScalar, readDateTime } from './date-time.js';
import { LineItemTransactionTypeEnum, parseLineItemTransactionType } from './enums.js';
import { integerOrNull, OrderLineItemType, stringOrNull } from './line-item.js';
import { LinkType, linkOrNull } from './link.js';
import { MoneyType, readMoney } from './money.js';
import { pricedOrder } from './prices.js';
import { unusableReference } from './upstream-data.js';

/** A line's pricing with the currency of its order. */
interface PricingParent {
  readonly pricing: PricingDto;
  readonly currency: unknown;
}

export const LineItemPricingType = builder.objectRef<PricingParent>('PartnerCenterLineItemPricing').implement({
  description: 'What one order line costs, before tax, in its order\'s currency. Each amount is null when Partner Center left it out.',
  fields: (t) => {
    const amount = (field: keyof PricingDto, description: string) =>
      t.field({ type: MoneyType, description, resolve: (p) => readMoney(p.pricing[field], p.currency, `pricing.${field}`) });
    return {
      listPrice: amount('listPrice', 'Catalog price of one unit, no modifiers applied (the full term price when the line has a term).'),
      discountedPrice: amount('discountedPrice', 'Price of one unit after promotions, earned and negotiated discounts.'),
      proratedPrice: amount('proratedPrice', 'Discounted price of one unit after proration; the same as `discountedPrice` when nothing was prorated.'),
      price: amount('price', 'Price of one unit in the billing currency, all discounts and proration applied.'),
      extendedPrice: amount('extendedPrice', 'The line\'s total: `price` × `quantity`, less refunds. The lines\' extended prices add up to `Order.totalPrice`.'),
    };
  },
});

export const RenewsToType = builder.objectRef<{ termDuration?: unknown }>('PartnerCenterRenewsTo').implement({
  description: 'The term the line renews into.',
  fields: (t) => ({
    termDuration: t.string({ description: 'ISO-8601 duration of the renewal term: `P1M` or `P1Y`.', resolve: (r) => stringOrNull(r.termDuration) }),
  }),
});

export const ActivationLinkType = builder.objectRef<ActivationLinkDto>('PartnerCenterOrderLineItemActivationLink').implement({
  description: 'Where the customer activates what a line bought, e.g. a publisher\'s SaaS sign-up page.',
  fields: (t) => ({
    lineItemNumber: t.int({ description: 'The line it belongs to.', resolve: (a) => integerOrNull(a.lineItemNumber) }),
    link: t.field({ type: LinkType, description: 'The activation URL (usually absolute), its method and headers.', resolve: (a) => linkOrNull(a.link) }),
  }),
});

builder.objectFields(OrderLineItemType, (t) => ({
  transactionType: t.field({
    type: LineItemTransactionTypeEnum,
    description: 'What the line did. Null when absent; UNKNOWN for a value this gateway does not know.',
    resolve: (item) => parseLineItemTransactionType(item.transactionType),
  }),
  renewsTo: t.field({
    type: RenewsToType,
    description: 'The term the line renews into; null when Partner Center gives none.',
    resolve: (item) => (item.renewsTo !== null && typeof item.renewsTo === 'object' && !Array.isArray(item.renewsTo) ? item.renewsTo : null),
  }),
  customTermEndDate: t.field({
    type: DateTimeScalar,
    description: 'The end date chosen for the term when it does not end a whole term after the start (co-terminous purchases). Null when there is none; null with UPSTREAM_ERROR when Partner Center sent something that is not a date.',
    resolve: (item) => readDateTime(item.customTermEndDate, 'customTermEndDate'),
  }),
  pricing: t.field({
    type: LineItemPricingType,
    description: 'The line\'s prices. Null when Partner Center gives none for it.',
    resolve: async (item, _, ctx) => {
      const order = await pricedOrder(item.order, ctx);
      const line = order === item.order ? item : order.lineItems?.find((other) => other?.lineItemNumber === item.lineItemNumber);
      const pricing = line?.pricing;
      return pricing !== null && typeof pricing === 'object' && !Array.isArray(pricing) ? { pricing, currency: order.currencyCode } : null;
    },
  }),
  activationLinks: t.field({
    type: [ActivationLinkType],
    complexity: 3,
    description:
      'Where to activate what this line bought. Empty when there is nothing to activate; null, with the error, when Partner Center cannot list them.',
    resolve: (item, _, ctx) => {
      const lineItemNumber = integerOrNull(item.lineItemNumber);
      if (lineItemNumber === null || lineItemNumber < 0) throw unusableReference('lineItemNumber', item.lineItemNumber);
      if (!isOrderId(item.order.id)) throw unusableReference('order id', item.order.id);
      return ctx.loaders.activationLinks.load({ customerId: item.customerId, orderId: item.order.id, lineItemNumber });
    },
  }),
}));

