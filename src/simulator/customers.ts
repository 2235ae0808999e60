/** Customer resources (API-FACTS 5): generated profile details and the two JSON shapes (full and list item). */
import { COMPANY_NAMES, COMPANY_SUFFIXES, FIRST_NAMES, LAST_NAMES, LOCALES, STREETS, slug, type Locale } from './names.js';
import type { Rng } from './prng.js';
import type { Address, Customer, CustomerListItem } from './types.js';
import { etagFor, link } from './wire.js';

export interface CustomerInfo {
  id: string;
  commerceId: string;
  billingProfileId: string;
  companyName: string;
  domain: string;
  relationshipToPartner: string;
  allowDelegatedAccess: boolean;
  customDomains?: string[];
  associatedPartnerId?: string;
  firstName: string;
  lastName: string;
  locale: Locale;
  address: Address;
  /** Whether companyProfile carries the optional address/email (they are optional on the wire). */
  companyDetails: boolean;
}

export interface Naming {
  names: Set<string>;
  domains: Set<string>;
}

function uniqueName(rng: Rng, naming: Naming): string {
  let name = rng.pick(COMPANY_NAMES) + rng.pick(COMPANY_SUFFIXES);
  for (let n = 2; naming.names.has(name); n++) name = `${name.replace(/ \d+$/, '')} ${n}`;
  naming.names.add(name);
  return name;
}

function uniqueDomain(name: string, naming: Naming): string {
  const base = slug(name);
  let label = base;
  for (let n = 2; naming.domains.has(label); n++) label = `${base}${n}`;
  naming.domains.add(label);
  return `${label}.onmicrosoft.com`;
}

/**
 * Fills in a customer's profile from `rng`. `fixed` pins the identity of the well-known customers; their other
 * details still come from `rng`, which the caller seeds from the id so they never change with the global seed.
 */
export function generateCustomerInfo(
  rng: Rng,
  naming: Naming,
  fixed?: { id: string; companyName: string; relationshipToPartner?: string },
): CustomerInfo {
  const id = fixed?.id ?? rng.guid();
  const companyName = fixed?.companyName ?? uniqueName(rng, naming);
  naming.names.add(companyName);
  const domain = uniqueDomain(companyName, naming);
  const relationshipToPartner = fixed?.relationshipToPartner ?? rng.weighted([['reseller', 8], ['advisor', 2]] as const);
  const locale = rng.weighted(LOCALES.map((l, i) => [l, i === 0 ? 6 : 2] as const));
  const [city, state, postalCode] = rng.pick(locale.cities);
  const firstName = rng.pick(FIRST_NAMES);
  const lastName = rng.pick(LAST_NAMES);
  const info: CustomerInfo = {
    id,
    commerceId: rng.guid(),
    billingProfileId: rng.guid(),
    companyName,
    domain,
    relationshipToPartner,
    allowDelegatedAccess: relationshipToPartner === 'reseller' || rng.chance(0.5),
    firstName,
    lastName,
    locale,
    address: {
      country: locale.country, city, state, addressLine1: `${rng.int(1, 9999)} ${rng.pick(STREETS)}`, postalCode,
      firstName, lastName, phoneNumber: rng.digits(10),
    },
    companyDetails: rng.chance(0.6),
  };
  if (rng.chance(0.3)) info.customDomains = [`${slug(companyName)}.com`];
  if (rng.chance(0.15)) info.associatedPartnerId = rng.guid();
  return info;
}

export function customerJson(info: CustomerInfo): Customer {
  const { id } = info;
  const contactEmail = `${info.firstName}.${info.lastName}@${info.domain}`.toLowerCase();
  // Spreads keep the property order of the docs' examples while leaving optional fields out entirely.
  return {
    id,
    commerceId: info.commerceId,
    companyProfile: {
      tenantId: id,
      domain: info.domain,
      companyName: info.companyName,
      ...(info.companyDetails ? { address: { ...info.address }, email: contactEmail } : {}),
      links: { self: link(`/customers/${id}/profiles/company`) },
      attributes: { objectType: 'CustomerCompanyProfile' },
    },
    billingProfile: {
      id: info.billingProfileId,
      firstName: info.firstName,
      lastName: info.lastName,
      email: contactEmail,
      culture: info.locale.culture,
      language: info.locale.language,
      companyName: info.companyName,
      defaultAddress: { ...info.address },
      links: { self: link(`/customers/${id}/profiles/billing`) },
      attributes: { etag: etagFor(info.billingProfileId), objectType: 'CustomerBillingProfile' },
    },
    relationshipToPartner: info.relationshipToPartner,
    allowDelegatedAccess: info.allowDelegatedAccess,
    ...(info.customDomains ? { customDomains: [...info.customDomains] } : {}),
    ...(info.associatedPartnerId ? { associatedPartnerId: info.associatedPartnerId } : {}),
    links: { self: link(`/customers/${id}`) },
    attributes: { objectType: 'Customer' },
  };
}

export function customerListItem(customer: Customer): CustomerListItem {
  const { tenantId, domain, companyName } = customer.companyProfile;
  return {
    id: customer.id,
    companyProfile: { tenantId, domain, companyName },
    relationshipToPartner: customer.relationshipToPartner,
    attributes: { objectType: 'Customer' },
  };
}
