import { badUserInput } from '../errors.js';
import { isGuid, isOrderId, normalizeGuid } from '../partner-center/client/ids.js';
import { builder } from './builder.js';
import { CustomerType } from './customer.js';
import { customerById } from './customer-parent.js';
import { OrderType } from './order.js';

/**
 * Apollo Federation v2 entities. A supergraph gateway resolves references through the same
 * per-request loaders as every other field, so 50 representations of one customer cost what one
 * does, and 50 distinct customers cost one call each, made in parallel.
 */
builder.asEntity(CustomerType, {
  key: builder.selection<{ id: string }>('id'),
  // Async like Order's below: a bad id fails this entity alone. Whether it exists, its fields' loads tell.
  resolveReference: async (reference, _context, info) => customerById(String(reference.id), info),
});

/**
 * An order is fetched by its customer and its id (GET /v1/customers/{customerId}/orders/{id}).
 * Async on purpose: @apollo/subgraph maps representations synchronously, so a synchronous throw
 * would fail every entity of the request instead of this one.
 */
builder.asEntity(OrderType, {
  key: builder.selection<{ customerId: string; id: string }>('customerId id'),
  resolveReference: async (reference, context) => {
    const customerId = String(reference.customerId);
    const orderId = String(reference.id);
    if (!isGuid(customerId)) throw badUserInput('Order.customerId must be a GUID.', { argument: 'customerId' });
    if (!isOrderId(orderId)) throw badUserInput('Order.id has characters no order id has.', { argument: 'id' });
    return context.loaders.order.load({ customerId: normalizeGuid(customerId), orderId });
  },
});
