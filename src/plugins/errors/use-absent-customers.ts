import { GraphQLError, type ExecutionResult } from 'graphql';
import { CustomerAbsent } from '../../schema/customer-absence.js';
import { eachError } from './each-error.js';
import type { ResultTransform } from './use-result-transforms.js';

type Path = readonly (string | number)[];

/**
 * A customer asked for by id (`customer`, `customers`, `_entities`) is taken on trust, and each of its fields
 * loads what it needs. When a load finds the customer absent (NOT_FOUND, FORBIDDEN, UNAUTHENTICATED), the field
 * throws CustomerAbsent (schema/customer-absence.ts); here the customer itself becomes null, with that one error
 * at its path, and every other error under it goes, as they are all about a customer that is not there.
 *
 * A use-result-transforms transform, on the execution's result before use-error-policy shapes it (it maps the error's cause, so the code and
 * message are the upstream failure's), and replaces the result, never changes it: single-flight shares results.
 * An incremental result (@defer/@stream) is left as it is: its first payload may already have sent the customer,
 * so each error stays on its field, as the upstream failure.
 */
export const absentCustomers: ResultTransform = {
  result: (result) => nullAbsentCustomers(result),
  payload: (payload) => eachError(payload, onTheField),
};

/** `result` with each absent customer null and its one error in place of its fields' errors; the same object when none is. */
export function nullAbsentCustomers(result: ExecutionResult): ExecutionResult {
  const raised = (result.errors ?? []).filter((error) => error.originalError instanceof CustomerAbsent);
  if (raised.length === 0) return result;
  const chosen = new Map<string, GraphQLError>();
  for (const error of raised) {
    const key = JSON.stringify((error.originalError as CustomerAbsent).position);
    const held = chosen.get(key);
    if (!held || responseOrder(result.data, error) < responseOrder(result.data, held)) chosen.set(key, error);
  }
  const positions = [...chosen.values()].map((error) => error.originalError as CustomerAbsent);
  const reported = new Set<CustomerAbsent>();
  const errors: GraphQLError[] = [];
  for (const error of result.errors!) {
    const under = positions.find((customer) => within(error.path, customer.position));
    if (!under) errors.push(error);
    else if (!reported.has(under)) {
      reported.add(under);
      errors.push(atCustomer(under));
    }
  }
  const data = positions.reduce<ExecutionResult['data']>((value, customer) => withNull(value, customer.position) as ExecutionResult['data'], result.data);
  return { ...result, data, errors };
}

/** The one error of an absent customer: at its path and its field's locations, for the upstream failure. */
function atCustomer(absent: CustomerAbsent): GraphQLError {
  return new GraphQLError(absent.cause.message, { nodes: absent.customerNodes, path: absent.position, originalError: absent.cause });
}

/** A field's CustomerAbsent as the upstream failure it is, where it was raised. */
function onTheField(error: GraphQLError): GraphQLError {
  const original = error.originalError;
  if (!(original instanceof CustomerAbsent)) return error;
  return new GraphQLError(original.cause.message, { nodes: error.nodes, source: error.source, positions: error.positions, path: error.path, originalError: original.cause });
}

/**
 * Where the field that raised `error` stands among the customer's fields in the response (document order), so
 * the error reported is the first field's, whichever load failed first.
 */
function responseOrder(data: unknown, error: GraphQLError): number {
  const { position } = error.originalError as CustomerAbsent;
  const customer = at(data, position);
  const field = error.path?.[position.length];
  const index = customer !== null && typeof customer === 'object' && field !== undefined ? Object.keys(customer).indexOf(String(field)) : -1;
  return index === -1 ? Number.MAX_SAFE_INTEGER : index;
}

function within(path: Path | undefined, position: Path): boolean {
  return path !== undefined && path.length >= position.length && position.every((key, index) => path[index] === key);
}

function at(value: unknown, path: Path): unknown {
  return path.reduce<unknown>((node, key) => (node !== null && typeof node === 'object' ? (node as Record<string | number, unknown>)[key] : undefined), value);
}

/** `value` with null at `path`, copying only the objects and lists on the way; the same value when the path is not there. */
function withNull(value: unknown, path: Path): unknown {
  if (path.length === 0) return null;
  if (value === null || typeof value !== 'object') return value;
  const [key, ...rest] = path as [string | number, ...(string | number)[]];
  const source = value as Record<string | number, unknown>;
  if (!(key in source)) return value;
  const copy = (Array.isArray(value) ? [...(value as unknown[])] : { ...source }) as Record<string | number, unknown>;
  copy[key] = withNull(source[key], rest);
  return copy;
}
