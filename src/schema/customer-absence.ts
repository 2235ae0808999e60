import { type FieldNode, type GraphQLResolveInfo, responsePathAsArray } from 'graphql';
import { deniesCustomer, type UpstreamError } from '../partner-center/transport/upstream-error.js';

/** Where a customer taken on trust by its id was asked for: the field nodes that asked, for the error's locations. */
export interface AbsenceReport {
  readonly nodes: readonly FieldNode[];
}

/**
 * A Customer field's load found that the customer does not exist or is not the caller's. use-absent-customers
 * then nulls the customer at `position` and answers this one error there, for `cause` (its code and message).
 */
export class CustomerAbsent extends Error {
  constructor(
    override readonly cause: UpstreamError,
    /** The customer's path in the response: ["customer"], ["customers", 2], ["_entities", 0] … */
    readonly position: readonly (string | number)[],
    /** The field nodes that asked for the customer. Not `nodes`: graphql-js would take those for the field's own. */
    readonly customerNodes: readonly FieldNode[],
  ) {
    super(cause.message, { cause });
    this.name = 'CustomerAbsent';
  }
}

/**
 * `load`, made by a Customer field whose answer also tells whether the customer exists. When the customer was
 * taken on trust (`reportsAbsence`) and the load says it is absent, the failure becomes CustomerAbsent at the
 * customer's position (the field's parent); any other failure stays the field's.
 */
export function customerLoad<T>(customer: { readonly reportsAbsence?: AbsenceReport }, info: GraphQLResolveInfo, load: Promise<T>): Promise<T> {
  const report = customer.reportsAbsence;
  const parent = info.path?.prev;
  if (!report || !parent) return load;
  return load.catch((error: unknown) => {
    throw deniesCustomer(error) ? new CustomerAbsent(error, responsePathAsArray(parent), report.nodes) : error;
  });
}
