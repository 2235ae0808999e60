/**
 * The simulator's own model of Partner Center JSON (API-FACTS 0, 3, 5, 6, 7). Deliberately not shared with
 * src/partner-center, so that a wrong assumption has to be made twice to go unnoticed.
 * Optional properties are left out of the JSON rather than sent as null, as the real service does.
 */

import type { Link, ResourceAttributes } from './resource-links.js';

export type * from './resource-links.js';

export interface Address {
  country: string;
  region?: string;
  city: string;
  state?: string;
  addressLine1: string;
  addressLine2?: string;
  postalCode: string;
  firstName?: string;
  middleName?: string;
  lastName?: string;
  phoneNumber?: string;
}

export interface CompanyProfile {
  tenantId: string;
  domain: string;
  companyName: string;
  address?: Address;
  email?: string;
  links: { self: Link };
  attributes: ResourceAttributes;
}

export interface BillingProfile {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  culture: string;
  language: string;
  companyName: string;
  defaultAddress: Address;
  links: { self: Link };
  attributes: ResourceAttributes;
}

export interface Customer {
  id: string;
  commerceId: string;
  companyProfile: CompanyProfile;
  billingProfile: BillingProfile;
  relationshipToPartner: string;
  allowDelegatedAccess: boolean;
  customDomains?: string[];
  associatedPartnerId?: string;
  links: { self: Link };
  attributes: ResourceAttributes;
}

/** The slimmer shape used in GET /v1/customers list items (API-FACTS 5). */
export interface CustomerListItem {
  id: string;
  companyProfile: { tenantId: string; domain: string; companyName: string };
  relationshipToPartner: string;
  attributes: ResourceAttributes;
}

export interface ResourceCollection<T> {
  totalCount: number;
  items: T[];
  continuationToken?: string;
  links?: { self?: Link; next?: Link };
  attributes: ResourceAttributes;
}

export type * from './commerce-types.js';
