import type { AddressDto, BillingProfileDto, CompanyProfileDto } from '../partner-center/client/types.js';
import { builder } from './builder.js';

export const AddressType = builder.objectRef<AddressDto>('PartnerCenterAddress').implement({
  description: 'A postal address as Partner Center holds it; any part may be null.',
  fields: (t) => ({
    country: t.exposeString('country', { description: 'ISO 3166 two-letter country code.' }),
    region: t.exposeString('region', { description: 'Region.' }),
    city: t.exposeString('city', { description: 'City.' }),
    state: t.exposeString('state', { description: 'State or province.' }),
    addressLine1: t.exposeString('addressLine1', { description: 'First address line.' }),
    addressLine2: t.exposeString('addressLine2', { description: 'Second address line.' }),
    addressLine3: t.exposeString('addressLine3', { description: 'Third address line.' }),
    postalCode: t.exposeString('postalCode', { description: 'Postal code.' }),
    firstName: t.exposeString('firstName', { description: 'Contact first name.' }),
    lastName: t.exposeString('lastName', { description: 'Contact last name.' }),
    middleName: t.exposeString('middleName', { description: 'Contact middle name, where the market uses one.' }),
    phoneNumber: t.exposeString('phoneNumber', { description: 'Contact phone number.' }),
  }),
});

/**
 * A company profile as far as it is known: the full one from GET /v1/customers/{id}, or the slim one of a
 * `customerList` item (tenantId, domain, companyName) with a way to load the rest when a field needs it.
 */
export interface CompanyProfileParent {
  readonly known: CompanyProfileDto;
  /** Set when `known` is a list item's: loads the full profile (the customer's GET, once per request). */
  readonly full?: () => Promise<CompanyProfileDto | undefined>;
}

/** A property a list item carries: read from it, or from the full profile if the item left it out. */
async function slim(p: CompanyProfileParent, pick: (profile: CompanyProfileDto) => unknown): Promise<string | null> {
  const known = pick(p.known);
  if (typeof known === 'string') return known;
  const full = p.full ? await p.full() : undefined;
  const value = full ? pick(full) : undefined;
  return typeof value === 'string' ? value : null;
}

/** A property only the full profile has: costs the customer's GET when the profile came from a list. */
async function fullOnly<T>(p: CompanyProfileParent, pick: (profile: CompanyProfileDto) => T | undefined): Promise<T | null> {
  const profile = p.full ? await p.full() : p.known;
  return (profile ? pick(profile) : undefined) ?? null;
}

export const CompanyProfileType = builder.objectRef<CompanyProfileParent>('PartnerCenterCompanyProfile').implement({
  description: 'The customer\'s company profile. Each field is null when Partner Center left it out. On a `customerList` node, `tenantId`, `domain` and `companyName` come with the page; the others cost one call per customer (docs/cost-model.md).',
  fields: (t) => ({
    tenantId: t.string({ description: 'The customer\'s tenant id (a GUID).', resolve: (p) => slim(p, (x) => x.tenantId) }),
    domain: t.string({ description: 'Primary domain, e.g. `contoso.onmicrosoft.com`.', resolve: (p) => slim(p, (x) => x.domain) }),
    companyName: t.string({ description: 'Company name.', resolve: (p) => slim(p, (x) => x.companyName) }),
    email: t.string({ description: 'Company contact email.', resolve: (p) => fullOnly(p, (x) => stringOr(x.email)) }),
    organizationRegistrationNumber: t.string({
      description: 'Company registration number; null where the market requires none.',
      resolve: (p) => fullOnly(p, (x) => stringOr(x.organizationRegistrationNumber)),
    }),
    address: t.field({
      type: AddressType,
      description: 'Company address.',
      resolve: (p) => fullOnly(p, (x) => objectOrNull(x.address) ?? undefined),
    }),
  }),
});

export const BillingProfileType = builder.objectRef<BillingProfileDto>('PartnerCenterBillingProfile').implement({
  description: 'Who the customer is billed as. Each field is null when Partner Center left it out.',
  fields: (t) => ({
    id: t.exposeString('id', { description: 'Billing profile id.' }),
    firstName: t.exposeString('firstName', { description: 'Billing contact first name.' }),
    lastName: t.exposeString('lastName', { description: 'Billing contact last name.' }),
    email: t.exposeString('email', { description: 'Billing contact email.' }),
    culture: t.exposeString('culture', { description: 'Culture, e.g. `en-US`.' }),
    language: t.exposeString('language', { description: 'Language, e.g. `en`.' }),
    companyName: t.exposeString('companyName', { description: 'Company name on invoices.' }),
    defaultAddress: t.field({ type: AddressType, description: 'Billing address.', resolve: (p) => objectOrNull(p.defaultAddress) }),
  }),
});

export function objectOrNull<T extends object>(value: T | undefined): T | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : null;
}

function stringOr(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
