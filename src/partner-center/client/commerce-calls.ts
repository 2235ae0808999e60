import { v1Path, type CallContext, type GetJson } from '../transport/http.js';
import { isCatalogId, isCountryCode, isGuid, requireId } from './ids.js';
import { expectCollection, expectResource } from './response-shapes.js';
import type { ProductDto, SkuDto, SubscriptionDto } from './types.js';

/** Subscriptions (API-FACTS 6) and the catalog (API-FACTS 7). Neither is paged. */
export interface CommerceCalls {
  /** GET /v1/customers/{id}/subscriptions: every subscription of the customer. */
  listSubscriptions(call: CallContext, customerId: string): Promise<SubscriptionDto[]>;
  /** GET /v1/customers/{id}/subscriptions/{subscriptionId} */
  getSubscription(call: CallContext, customerId: string, subscriptionId: string): Promise<SubscriptionDto>;
  /** GET /v1/products/{productId}?country={cc} */
  getProduct(call: CallContext, productId: string, country: string): Promise<ProductDto>;
  /** GET /v1/products/{productId}/skus?country={cc}: every SKU of the product in that market. */
  listSkus(call: CallContext, productId: string, country: string): Promise<SkuDto[]>;
  /** GET /v1/products/{productId}/skus/{skuId}?country={cc} */
  getSku(call: CallContext, productId: string, skuId: string, country: string): Promise<SkuDto>;
}

export function commerceCalls(getJson: GetJson): CommerceCalls {
  const customer = (id: string) => requireId(id, isGuid, 'customer id');
  const catalog = (id: string) => requireId(id, isCatalogId, 'catalog id');
  const market = (country: string) => ({ country: requireId(country, isCountryCode, 'country').toUpperCase() });

  return {
    async listSubscriptions(call, customerId) {
      const target = v1Path('/customers/{id}/subscriptions', { id: customer(customerId) });
      return expectCollection<SubscriptionDto>(await getJson(call, target), target, 'subscription');
    },

    async getSubscription(call, customerId, subscriptionId) {
      const target = v1Path('/customers/{id}/subscriptions/{subscriptionId}', {
        id: customer(customerId),
        subscriptionId: requireId(subscriptionId, isGuid, 'subscription id'),
      });
      return expectResource<SubscriptionDto>(await getJson(call, target), target, 'subscription');
    },

    async getProduct(call, productId, country) {
      const target = v1Path('/products/{productId}', { productId: catalog(productId) }, market(country));
      return expectResource<ProductDto>(await getJson(call, target), target, 'product');
    },

    async listSkus(call, productId, country) {
      const target = v1Path('/products/{productId}/skus', { productId: catalog(productId) }, market(country));
      return expectCollection<SkuDto>(await getJson(call, target), target, 'sku');
    },

    async getSku(call, productId, skuId, country) {
      const target = v1Path('/products/{productId}/skus/{skuId}', { productId: catalog(productId), skuId: catalog(skuId) }, market(country));
      return expectResource<SkuDto>(await getJson(call, target), target, 'sku');
    },
  };
}
