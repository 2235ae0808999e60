/**
 * Offers an order line can refer to: legacy offers (GUID offerId, pre-2022 commerce; not in the product
 * catalog) and new-commerce catalog SKUs (offerId `productId:skuId:availabilityId`).
 */
import { CATALOG, findProduct, findSku, offerIdOf, type CatalogProduct, type CatalogSku } from './catalog.js';

export interface LegacyOffer {
  id: string;
  name: string;
  /** Monthly list price per licence. */
  unitPrice: number;
  trial: boolean;
}

/** Upper-case GUIDs, as in seed 000. */
export const LEGACY_OFFERS: readonly LegacyOffer[] = [
  { id: '031C9E47-4802-4248-838E-778FB1D2CC05', name: 'Office 365 Business Essentials', unitPrice: 5, trial: false },
  { id: '4271AA57-4129-477E-BA88-0A276D4A1619', name: 'Office 365 ProPlus', unitPrice: 12, trial: false },
  { id: '796B6B5F-613C-4E24-A17C-EBA730D49C02', name: 'Office 365 Enterprise E3', unitPrice: 20, trial: false },
  { id: '91FD106F-4B2C-4938-95AC-F54F74E9A239', name: 'Office 365 Enterprise E1', unitPrice: 8, trial: false },
  { id: '195416C1-3447-423A-B37B-EE59A99A19C4', name: 'Exchange Online (Plan 1)', unitPrice: 4, trial: false },
  { id: '5C9FD4CC-EDCE-44A8-8E91-07DF09744609', name: 'Office 365 Business Premium Trial', unitPrice: 0, trial: true },
];

export type Offer =
  | { kind: 'legacy'; legacy: LegacyOffer }
  | { kind: 'nce'; product: CatalogProduct; sku: CatalogSku };

export function offerIdOfOffer(offer: Offer): string {
  return offer.kind === 'legacy' ? offer.legacy.id : offerIdOf(offer.product, offer.sku);
}

export function offerName(offer: Offer): string {
  return offer.kind === 'legacy' ? offer.legacy.name : offer.sku.title;
}

export function unitPriceOf(offer: Offer): number {
  return offer.kind === 'legacy' ? offer.legacy.unitPrice : offer.sku.unitPrice;
}

export function isTrialOffer(offer: Offer): boolean {
  return offer.kind === 'legacy' ? offer.legacy.trial : offer.sku.kind === 'trial';
}

/** Looks an order line's offerId up again (subscriptions are derived from line items). */
export function resolveOffer(offerId: string): Offer | undefined {
  const legacy = LEGACY_OFFERS.find((o) => o.id.toLowerCase() === offerId.toLowerCase());
  if (legacy) return { kind: 'legacy', legacy };
  const [productId, skuId] = offerId.split(':');
  if (productId === undefined || skuId === undefined) return undefined;
  const product = findProduct(productId);
  const sku = product ? findSku(product, skuId) : undefined;
  return product && sku ? { kind: 'nce', product, sku } : undefined;
}

/** New-commerce offers whose SKU supports the given billing cycle (JSON value, e.g. "one_time"). */
export function nceOffersFor(cycle: string, kinds?: readonly string[]): Offer[] {
  const out: Offer[] = [];
  for (const product of CATALOG) {
    if (product.unavailable) continue;
    for (const sku of product.skus) {
      if (!sku.supportedBillingCycles.includes(cycle)) continue;
      if (kinds && !kinds.includes(sku.kind)) continue;
      out.push({ kind: 'nce', product, sku });
    }
  }
  return out;
}

export function legacyOffersFor(cycle: string): Offer[] {
  const trial = cycle === 'none';
  return LEGACY_OFFERS.filter((o) => o.trial === trial).map((legacy) => ({ kind: 'legacy' as const, legacy }));
}
