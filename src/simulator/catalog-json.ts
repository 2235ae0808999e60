/** Product and SKU JSON (API-FACTS 7): links carry the requested country; neither resource has `attributes`. */
import type { CatalogProduct, CatalogSku } from './catalog.js';
import type { Product, Sku } from './types.js';
import { link } from './wire.js';

export function productJson(product: CatalogProduct, country: string): Product {
  return {
    id: product.id,
    title: product.title,
    description: product.description,
    productType: product.productType,
    isMicrosoftProduct: true,
    publisherName: 'Microsoft Corporation',
    links: {
      skus: link(`/products/${product.id}/skus?country=${country}`),
      self: link(`/products/${product.id}?country=${country}`),
    },
  };
}

export function skuJson(product: CatalogProduct, sku: CatalogSku, country: string): Sku {
  const base = `/products/${product.id}/skus/${sku.id}`;
  return {
    id: sku.id,
    productId: product.id,
    title: sku.title,
    description: sku.description,
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
