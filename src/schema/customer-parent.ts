import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../app/context.js';
import { badUserInput } from '../errors.js';
import { isGuid, normalizeGuid } from '../partner-center/client/ids.js';
import type { CustomerDto } from '../partner-center/client/types.js';
import { customerLoad, type AbsenceReport } from './customer-absence.js';
import { objectOrNull, type CompanyProfileParent } from './profile.js';

/** What Customer's fields receive: the id, and what the field that gave the customer already knows of it. */
export interface CustomerParent {
  readonly id: string;
  /** A `customerList` item: slim (API-FACTS 5), so only the fields it carries are read from it. */
  readonly summary?: CustomerDto;
  /**
   * Set by the fields that take a customer on trust by its id (`customer`, `customers`, `_entities`): a field
   * whose load finds it absent then nulls the whole customer (customer-absence.ts). A list item needs none: the
   * list proves it exists.
   */
  readonly reportsAbsence?: AbsenceReport;
}

/**
 * A customer asked for by id, taken on trust: its fields' own loads tell whether it exists (customerLoad).
 * Only the id is checked here, without a call.
 */
export function customerById(rawId: string, info: GraphQLResolveInfo): CustomerParent {
  if (!isGuid(rawId)) {
    throw badUserInput(`Customer id ${JSON.stringify(rawId.slice(0, 80))} is not a GUID.`, { argument: 'id' });
  }
  return { id: normalizeGuid(rawId), reportsAbsence: { nodes: info.fieldNodes } };
}

/** The customer's profile (one call per customer per request); its failure tells whether the customer exists. */
export function profileOf(customer: CustomerParent, context: Context, info: GraphQLResolveInfo): Promise<CustomerDto> {
  return customerLoad(customer, info, context.loaders.customer.load(customer.id));
}

/** The company profile: a list item's slim one (the rest loaded only if asked for), else the full one. */
export async function companyProfileOf(customer: CustomerParent, context: Context, info: GraphQLResolveInfo): Promise<CompanyProfileParent | null> {
  const listed = objectOrNull(customer.summary?.companyProfile);
  if (listed) {
    return { known: listed, full: async () => objectOrNull((await profileOf(customer, context, info)).companyProfile) ?? undefined };
  }
  const full = objectOrNull((await profileOf(customer, context, info)).companyProfile);
  return full ? { known: full } : null;
}

/** relationshipToPartner: list items carry it, so it costs nothing there. */
export async function relationshipOf(customer: CustomerParent, context: Context, info: GraphQLResolveInfo): Promise<unknown> {
  return customer.summary?.relationshipToPartner ?? (await profileOf(customer, context, info)).relationshipToPartner;
}
