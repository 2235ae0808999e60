/** Orders, provisioning status, subscriptions and catalog resources (API-FACTS 3, 6, 7); the simulator's own model. */
import type { Link, ResourceAttributes } from './resource-links.js';

export interface LineItemPricing {
  listPrice?: number;
  discountedPrice?: number;
  proratedPrice?: number;
  price?: number;
  extendedPrice?: number;
}

export interface OrderLineItemLinks {
  subscription?: Link;
  product?: Link;
  sku?: Link;
  provisioningStatus?: Link;
  activationLinks?: Link;
}

export interface OrderLineItem {
  lineItemNumber: number;
  offerId: string;
  subscriptionId?: string;
  friendlyName?: string;
  quantity?: number;
  termDuration?: string;
  transactionType?: string;
  partnerIdOnRecord?: string;
  provisioningContext?: Record<string, string>;
  renewsTo?: { termDuration: string };
  promotionId?: string;
  customTermEndDate?: string;
  attestationAccepted?: boolean;
  /** Only served with include_price=true. */
  pricing?: LineItemPricing;
  links?: OrderLineItemLinks;
}

/** An item of GET …/lineitems/{n}/activationlinks. */
export interface ActivationLink {
  lineItemNumber: number;
  link: Link;
}

export interface OrderLinks {
  provisioningStatus?: Link;
  self?: Link;
  patchOperation?: Link;
}

export interface Order {
  id: string;
  alternateId?: string;
  referenceCustomerId: string;
  /** Raw string as stored; may be odd (e.g. "Monthly", "quarterly") or absent. */
  billingCycle?: string;
  currencyCode?: string;
  currencySymbol?: string;
  lineItems?: OrderLineItem[];
  creationDate?: string;
  status?: string;
  transactionType?: string;
  /** Only served with include_price=true. */
  totalPrice?: number;
  client?: Record<string, never>;
  links?: OrderLinks;
  attributes: ResourceAttributes;
}

export interface ProvisioningStatusItem {
  lineItemNumber: number;
  status: string;
  quantityProvisioningInformation: { quantity: number; status: string }[];
}

export interface ProductType {
  id: string;
  displayName: string;
  subType?: { id: string; displayName: string };
}

export interface Subscription {
  id: string;
  offerId: string;
  offerName: string;
  friendlyName: string;
  quantity: number;
  unitType: string;
  hasPurchasableAddons: boolean;
  creationDate: string;
  effectiveStartDate: string;
  commitmentEndDate: string;
  status: string;
  autoRenewEnabled: boolean;
  isTrial: boolean;
  billingType: string;
  billingCycle: string;
  termDuration?: string;
  isMicrosoftProduct: boolean;
  partnerId?: string;
  entitlementId?: string;
  parentSubscriptionId?: string;
  actions?: string[];
  suspensionReasons?: string[];
  renewalTermDuration?: string;
  consumptionType?: string;
  promotionId?: string;
  cancellationAllowedUntilDate?: string;
  billingCycleEndDate?: string;
  refundableQuantity?: { totalQuantity: number; details: { quantity: number; allowedUntilDateTime: string }[] };
  attentionNeeded: boolean;
  actionTaken: boolean;
  contractType: string;
  orderId: string;
  productType?: ProductType;
  publisherName: string;
  links: { offer?: Link; product?: Link; sku?: Link; availability?: Link; activationLinks?: Link; self: Link };
  attributes: ResourceAttributes;
}

export interface Product {
  id: string;
  title: string;
  description: string;
  productType: ProductType;
  isMicrosoftProduct: boolean;
  publisherName: string;
  links: { skus: Link; self: Link };
}

export interface Sku {
  id: string;
  productId: string;
  title: string;
  description: string;
  minimumQuantity: number;
  maximumQuantity: number;
  isTrial: boolean;
  supportedBillingCycles: string[];
  purchasePrerequisites: string[];
  inventoryVariables: string[];
  provisioningVariables: string[];
  actions: string[];
  dynamicAttributes: Record<string, unknown>;
  links: { availabilities: Link; self: Link };
}
