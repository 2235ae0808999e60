import type { AddressDto, BillingProfileDto, CompanyProfileDto } from '../partner-center/types.js';
import { builder } from './builder.js';

export const AddressType = builder.objectRef<AddressDto>('Address').implement({
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
    phoneNumber: t.exposeString('phoneNumber', { description: 'Contact phone number.' }),
  }),
});

export const CompanyProfileType = builder.objectRef<CompanyProfileDto>('CompanyProfile').implement({
  description: 'The customer\'s company profile, from GET /v1/customers/{id}.',
  fields: (t) => ({
    tenantId: t.exposeString('tenantId', { description: 'The customer\'s tenant id.' }),
    domain: t.exposeString('domain', { description: 'Primary domain, e.g. `contoso.onmicrosoft.com`.' }),
    companyName: t.exposeString('companyName', { description: 'Company name.' }),
    email: t.exposeString('email', { description: 'Company contact email.' }),
    organizationRegistrationNumber: t.exposeString('organizationRegistrationNumber', { description: 'Registration number, where the market requires one.' }),
    address: t.field({ type: AddressType, description: 'Company address.', resolve: (p) => objectOrNull(p.address) }),
  }),
});

export const BillingProfileType = builder.objectRef<BillingProfileDto>('BillingProfile').implement({
  description: 'Who the customer is billed as, from GET /v1/customers/{id}.',
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
