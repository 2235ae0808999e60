import type { FieldNode, GraphQLResolveInfo } from 'graphql';
import type { Context } from '../app/context.js';
import { isOrderId } from '../partner-center/client/ids.js';
import type { CustomerOrder } from '../partner-center/client/types.js';
import { childFields, type Walked } from './selection.js';
import { unusableReference } from './upstream-data.js';

/** How prices are paid for, for the fields that carry them. */
export const PRICE_COST = 'Prices (`totalPrice`, `lineItems.pricing`) are asked of Partner Center only when selected.';

/**
 * Whether a selection of Order (the `orders`/`order` field's `nodes`) asks for a price: `totalPrice`, or
 * `pricing` of its `lineItems`. Worked out before the call, so the call asks for prices only then.
 */
export function selectsPrice(info: GraphQLResolveInfo, nodes: readonly FieldNode[]): boolean {
  const node = nodes.length === 1 ? nodes[0]! : undefined;
  const known = node && priceSelections.get(node);
  if (known !== undefined) return known;
  const walked: Walked = { directives: false };
  const selects =
    childFields(info, nodes, 'totalPrice', walked).length > 0 || childFields(info, childFields(info, nodes, 'lineItems', walked), 'pricing', walked).length > 0;
  if (node && !walked.directives) priceSelections.set(node, selects);
  return selects;
}

/**
 * Per field node of a parsed document (the document cache hands the same one out again): whether it selects a
 * price. Kept only when no selection on the way carried a directive, so the answer cannot depend on variables.
 */
const priceSelections = new WeakMap<FieldNode, boolean>();

/**
 * The order with its prices. Orders read for a selection with a price field already have them; one read
 * without (an entity reference, an order found in an unpriced list) is read again by id, with prices.
 */
export async function pricedOrder(order: CustomerOrder, ctx: Context): Promise<CustomerOrder> {
  if (order.priced) return order;
  if (!isOrderId(order.id)) throw unusableReference('order id', order.id);
  return ctx.loaders.order.load({ customerId: order.customerId, orderId: order.id, priced: true });
}
