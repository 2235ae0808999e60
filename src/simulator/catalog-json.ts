/** Product and SKU JSON (API-FACTS 7): links carry the requested country; neither resource has `attributes`. */
import type { CatalogProduct, CatalogSku } from './catalog.js';
import type { Product, Sku } from './types.js';
import { link } from './wire.js';

/** The product's text in `locale` (X-Locale, any case), else en-US. */
function textOf(product: CatalogProduct, locale: string | undefined, sku?: CatalogSku): { title: string; description: string } {
  const localized = locale === undefined ? undefined : product.localized?.[locale.toLowerCase()];
  if (sku) return localized?.skus?.[sku.id] ?? { title: sku.title, description: sku.description };
  return localized ?? { title: product.title, description: product.description };
}

export function productJson(product: CatalogProduct, country: string, locale?: string): Product {
  return {
    id: product.id,
    ...textOf(product, locale),
    productType: product.productType,
    isMicrosoftProduct: true,
    publisherName: 'Microsoft Corporation',
    links: {
      skus: link(`/products/${product.id}/skus?country=${country}`),
      self: link(`/products/${product.id}?country=${country}`),
    },
  };
}

export function skuJson(product: CatalogProduct, sku: CatalogSku, country: string, locale?: string): Sku {
  const base = `/products/${product.id}/skus/${sku.id}`;
  return {
    id: sku.id,
    productId: product.id,
    ...textOf(product, locale, sku),
    minimumQuantity: sku.minimumQuantity,
    maximumQuantity: sku.maximumQuantity,
    isTrial: sku.kind === 'trial',
    supportedBillingCycles: [...sku.supportedBillingCycles],
    purchasePrerequisites: [],
    inventoryVariables: [],
    provisioningVariables: sku.kind === 'reservation' ? ['Scope', 'SubscriptionId', 'Duration'] : [],
    actions: [],
    dynamicAttributes: { isAddon: false, hasAddOns: false, isP1MAvailable: sku.terms.includes('P1M') },
    links: { availabilities: link(`${base}/availabilities?country=${country}`), self: link(`${base}?country=${country}`) },
  };
}
