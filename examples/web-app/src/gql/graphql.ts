/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** How often an order, subscription or SKU is billed. */
export type PartnerCenterBillingCycle =
  /** Billed every year (JSON `annual`). */
  | 'ANNUAL'
  /** Billed every two years (JSON `biennial`; seen in the .NET SDK only). */
  | 'BIENNIAL'
  /** Billed every month (JSON `monthly`). */
  | 'MONTHLY'
  /** No billing cycle, e.g. trials and some add-ons (JSON `none`). */
  | 'NONE'
  /** Billed once, e.g. reservations and software (JSON `one_time`). */
  | 'ONE_TIME'
  /** Billed every three years (JSON `triennial`). */
  | 'TRIENNIAL'
  /** A cycle this gateway does not recognise. As a filter it matches orders whose cycle is missing or unrecognised. */
  | 'UNKNOWN';

/** Where an order stands. Values the gateway does not recognise (such as the legacy `none`) are UNKNOWN. */
export type PartnerCenterOrderStatus =
  /** Cancelled. */
  | 'CANCELLED'
  /** Fulfilled. */
  | 'COMPLETED'
  /** Submitted and not yet fulfilled. */
  | 'PENDING'
  /** Not one of the documented statuses (includes legacy `none`). */
  | 'UNKNOWN';

export type CustomerOrdersByCycleQueryVariables = Exact<{
  customerId: string | number;
  billingCycle?: PartnerCenterBillingCycle | null | undefined;
}>;


export type CustomerOrdersByCycleQuery = { customer: { id: string, companyProfile: { companyName: string | null } | null, orders: Array<{ id: string, billingCycle: PartnerCenterBillingCycle | null, status: PartnerCenterOrderStatus | null, creationDate: string | null, lineItems: Array<{ lineItemNumber: number | null, offerId: string | null, friendlyName: string | null, quantity: number | null }> }> | null } | null };

export type CustomerCompanyNamesQueryVariables = Exact<{
  ids: Array<string | number> | string | number;
}>;


export type CustomerCompanyNamesQuery = { customers: Array<{ id: string, companyProfile: { companyName: string | null } | null } | null> };


export const CustomerOrdersByCycleDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CustomerOrdersByCycle"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"customerId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"billingCycle"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"PartnerCenterBillingCycle"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"customerId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"companyProfile"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"companyName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"orders"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"billingCycle"},"value":{"kind":"Variable","name":{"kind":"Name","value":"billingCycle"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"billingCycle"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"creationDate"}},{"kind":"Field","name":{"kind":"Name","value":"lineItems"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"lineItemNumber"}},{"kind":"Field","name":{"kind":"Name","value":"offerId"}},{"kind":"Field","name":{"kind":"Name","value":"friendlyName"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}}]}}]}}]}}]}}]} as unknown as DocumentNode<CustomerOrdersByCycleQuery, CustomerOrdersByCycleQueryVariables>;
export const CustomerCompanyNamesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CustomerCompanyNames"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ids"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"ids"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ids"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"companyProfile"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"companyName"}}]}}]}}]}}]} as unknown as DocumentNode<CustomerCompanyNamesQuery, CustomerCompanyNamesQueryVariables>;