/**
 * Partner Center resources as they arrive on the wire (API-FACTS 3 and 5). Every property the service
 * may leave out is optional, and enum-like properties are plain strings: the service is trusted for
 * shape only as far as the client checks it (see client.ts); everything else is read defensively.
 */

export interface LinkDto {
  uri?: string;
  method?: string;
  headers?: { key: string; value: string }[];
}

export interface ResourceAttributesDto {
  etag?: string;
  objectType?: string;
}

export interface AddressDto {
  country?: string;
  region?: string;
  city?: string;
  state?: string;
  addressLine1?: string;
  addressLine2?: string;
  addressLine3?: string;
  postalCode?: string;
  firstName?: string;
  lastName?: string;
  middleName?: string;
  phoneNumber?: string;
}

export interface CompanyProfileDto {
  tenantId?: string;
  domain?: string;
  companyName?: string;
  address?: AddressDto;
  email?: string;
  organizationRegistrationNumber?: string;
}

export interface BillingProfileDto {
  id?: string;
  firstName?: string;
  lastName?: string;
  email?: string;
  culture?: string;
  language?: string;
  companyName?: string;
  defaultAddress?: AddressDto;
}

export interface CustomerDto {
  id: string;
  commerceId?: string;
  companyProfile?: CompanyProfileDto;
  billingProfile?: BillingProfileDto;
  relationshipToPartner?: string;
  allowDelegatedAccess?: boolean;
  customDomains?: string[];
  associatedPartnerId?: string;
  attributes?: ResourceAttributesDto;
}

export interface OrderLineItemDto {
  lineItemNumber?: number;
  offerId?: string;
  subscriptionId?: string;
  parentSubscriptionId?: string;
  friendlyName?: string;
  quantity?: number;
  termDuration?: string;
  transactionType?: string;
  partnerIdOnRecord?: string;
  additionalPartnerIdsOnRecord?: unknown[];
  provisioningContext?: Record<string, string>;
  renewsTo?: { termDuration?: string };
  /** Only with include_price=true (.NET Orders/Pricing.cs); numbers on the wire. */
  pricing?: PricingDto;
  promotionId?: string;
  customTermEndDate?: string;
  attestationAccepted?: boolean;
  links?: Record<string, LinkDto | undefined>;
}

export interface PricingDto {
  listPrice?: unknown;
  discountedPrice?: unknown;
  proratedPrice?: unknown;
  price?: unknown;
  extendedPrice?: unknown;
}

/** An item of GET …/lineitems/{n}/activationlinks (.NET OrderLineItemActivationLink). */
export interface ActivationLinkDto {
  lineItemNumber?: number;
  link?: LinkDto;
}

export interface OrderDto {
  id: string;
  alternateId?: string;
  referenceCustomerId?: string;
  billingCycle?: string;
  currencyCode?: string;
  currencySymbol?: string;
  lineItems?: OrderLineItemDto[];
  creationDate?: string;
  status?: string;
  transactionType?: string;
  /** Only with include_price=true; pre-tax, in `currencyCode`. */
  totalPrice?: unknown;
  links?: Record<string, LinkDto | undefined>;
  attributes?: ResourceAttributesDto;
}

/**
 * An order as the gateway hands it on: the wire resource plus the tenant id of the customer it was
 * fetched under (the URL's, which `referenceCustomerId` may omit), so an Order always knows its key.
 */
export type CustomerOrder = OrderDto & {
  readonly customerId: string;
  /** Read with include_price=true, so a missing price means Partner Center has none (not that none was asked for). */
  readonly priced?: boolean;
};

/** One page of GET /v1/customers (SeekBasedResourceCollection, API-FACTS 0.4): slim list items (API-FACTS 5). */
export interface CustomerPage {
  /** List items: `id`, `companyProfile{tenantId,domain,companyName}`, `relationshipToPartner` (ids lower-cased GUIDs). */
  readonly items: readonly CustomerDto[];
  /** `links.next`, already checked to stay on GET /v1/customers; absent on the last page. */
  readonly next?: { readonly uri: string; readonly headers: readonly { key: string; value: string }[] };
}

/** An item of GET …/orders/{id}/provisioningstatus (API-FACTS 3.4). */
export interface ProvisioningStatusDto {
  lineItemNumber?: number;
  status?: string;
  quantityProvisioningInformation?: { quantity?: number; status?: string }[];
}

export interface ProductTypeDto {
  id?: string;
  displayName?: string;
  subType?: ProductTypeDto;
}

/** API-FACTS 6: only the properties the gateway serves. */
export interface SubscriptionDto {
  id: string;
  offerId?: string;
  offerName?: string;
  friendlyName?: string;
  quantity?: number;
  unitType?: string;
  status?: string;
  billingCycle?: string;
  termDuration?: string;
  autoRenewEnabled?: boolean;
  creationDate?: string;
  effectiveStartDate?: string;
  commitmentEndDate?: string;
  orderId?: string;
  isTrial?: boolean;
  entitlementId?: string;
  parentSubscriptionId?: string;
  billingType?: string;
  publisherName?: string;
  isMicrosoftProduct?: boolean;
  actions?: unknown[];
  partnerId?: string;
  suspensionReasons?: unknown[];
  contractType?: string;
  renewalTermDuration?: string;
  productType?: ProductTypeDto;
  consumptionType?: string;
  promotionId?: string;
  cancellationAllowedUntilDate?: string;
  billingCycleEndDate?: string;
  commitmentEndDateTime?: string;
  hasPurchasableAddons?: boolean;
  attentionNeeded?: boolean;
  actionTaken?: boolean;
  migratedFromSubscriptionId?: string;
  refundableQuantity?: { totalQuantity?: number; details?: { quantity?: number; allowedUntilDateTime?: string }[] };
  refundOptions?: { type?: string; expiresAfter?: string }[];
  links?: Record<string, LinkDto | undefined>;
}

/** API-FACTS 7. */
export interface ProductDto {
  id: string;
  title?: string;
  description?: string;
  productType?: ProductTypeDto;
  isMicrosoftProduct?: boolean;
  publisherName?: string;
}

/** API-FACTS 7 (`dynamicAttributes` deliberately left out: its keys are not a contract). */
export interface SkuDto {
  id: string;
  productId?: string;
  title?: string;
  description?: string;
  minimumQuantity?: number;
  maximumQuantity?: number;
  isTrial?: boolean;
  supportedBillingCycles?: unknown[];
  termsOfUseUri?: string;
}
