import { GraphQLError, parse, type FieldNode, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { nullAbsentCustomers } from '../../src/plugins/errors/use-absent-customers.js';
import { UpstreamError } from '../../src/partner-center/transport/upstream-error.js';
import { CustomerAbsent } from '../../src/schema/customer-absence.js';

const document = parse('{ a: customer(id: "1") { id orders { id } subscriptions { id } } b: customers(ids: ["2", "3"]) { id orders { id } } }');
const [a, b] = (document.definitions[0] as OperationDefinitionNode).selectionSet.selections as FieldNode[];
const upstream = (kind: 'not-found' | 'server-error', route: string) =>
  new UpstreamError(kind === 'not-found' ? 'Partner Center answered 404: Tenant not found' : 'Partner Center answered 500', { kind, requestId: route, route });
/** A field's error as graphql-js reports it: at the field, with its original error. */
const fieldError = (path: (string | number)[], original: Error) => new GraphQLError(original.message, { path, originalError: original });

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

describe('nullAbsentCustomers', () => {
  it('nulls each absent customer, keeps one error there in place of its fields\' errors, and leaves the rest', () => {
    const ordersGone = upstream('not-found', 'orders');
    const subscriptionsGone = upstream('not-found', 'subscriptions');
    const elsewhere = fieldError(['b', 0, 'orders'], upstream('server-error', 'orders-of-2'));
    const result = deepFreeze({
      data: { a: { id: '1', orders: null, subscriptions: null }, b: [{ id: '2', orders: null }, { id: '3', orders: null }] },
      errors: [
        fieldError(['a', 'subscriptions'], new CustomerAbsent(subscriptionsGone, ['a'], [a!])),
        elsewhere,
        fieldError(['a', 'orders'], new CustomerAbsent(ordersGone, ['a'], [a!])),
        fieldError(['b', 1, 'orders'], new CustomerAbsent(upstream('not-found', 'orders-of-3'), ['b', 1], [b!])),
      ],
    });
    const answered = nullAbsentCustomers(result);
    expect(answered.data).toEqual({ a: null, b: [{ id: '2', orders: null }, null] });
    // Where the customer's first error stood; for the field first in the document (orders), not the first to fail.
    expect(answered.errors!.map((e) => [e.path, e.originalError, e.locations])).toEqual([
      [['a'], ordersGone, [{ line: 1, column: 3 }]],
      [['b', 0, 'orders'], elsewhere.originalError, undefined],
      [['b', 1], expect.objectContaining({ requestId: 'orders-of-3' }), [{ line: 1, column: 66 }]],
    ]);
    expect(answered.data!.b).not.toBe(result.data.b);
  });

  it('gives back the very result when no customer is absent', () => {
    const result = { data: { a: { id: '1', orders: null } }, errors: [fieldError(['a', 'orders'], upstream('server-error', 'orders'))] };
    expect(nullAbsentCustomers(result)).toBe(result);
  });
});
