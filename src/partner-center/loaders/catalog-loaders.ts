import DataLoader from 'dataloader';
import type { Limit } from '../../concurrency/limiter.js';
import { asError } from './batch-error.js';
import type { PartnerCenterClient } from '../client/client.js';
import type { CallContext } from '../transport/http.js';
import { normalizeCatalogId } from '../client/ids.js';
import type { LineItemGate } from './line-item-gate.js';
import type { ProductDto, SkuDto } from '../client/types.js';

/** A catalog item in one market. Ids are catalog ids (ids.ts), the country an ISO alpha-2 code. */
export interface ProductKey {
  readonly productId: string;
  readonly country: string;
}

export interface SkuKey extends ProductKey {
  readonly skuId: string;
}

export interface CatalogLoaders {
  /** GET /v1/products/{id}?country=, once per product and country per request. */
  readonly product: DataLoader<ProductKey, ProductDto, string>;
  /** One SKU, from its product's SKU list or GET …/skus/{skuId} (see batchSku). */
  readonly sku: DataLoader<SkuKey, SkuDto, string>;
}

const productKey = (key: ProductKey) => `${normalizeCatalogId(key.productId)}|${key.country.toUpperCase()}`;

export function createCatalogLoaders(client: PartnerCenterClient, call: CallContext, limit: Limit, gate: LineItemGate): CatalogLoaders {
  // SKU lists this request has fetched or is fetching, by product and country.
  const skuLists = new Map<string, Promise<SkuDto[]>>();

  const fetchSkus = (key: ProductKey): Promise<SkuDto[]> => {
    let pending = skuLists.get(productKey(key));
    if (!pending) {
      pending = limit(() => client.listSkus(call, key.productId, key.country));
      pending.catch(() => undefined); // delivered through each key's slot
      skuLists.set(productKey(key), pending);
    }
    return pending;
  };

  /**
   * The rule: more than one SKU of one product and country in the batch (or a list already loaded) costs
   * one GET /v1/products/{id}/skus?country=; a single SKU is a GET by id. SKUs the list lacks are fetched
   * by id; a failed list fails the keys it was to serve. Waits at the line-item gate, so every line item
   * of the request is in one batch and the count depends on the data, not on timing.
   */
  const batchSku = async (keys: readonly SkuKey[]): Promise<(SkuDto | Error)[]> => {
    const wanted = new Map<string, { key: SkuKey; skus: Set<string> }>();
    for (const key of keys) {
      const entry = wanted.get(productKey(key)) ?? { key, skus: new Set<string>() };
      entry.skus.add(normalizeCatalogId(key.skuId));
      wanted.set(productKey(key), entry);
    }
    for (const { key, skus } of wanted.values()) if (skus.size > 1) void fetchSkus(key);
    return Promise.all(
      keys.map(async (key) => {
        try {
          const list = skuLists.get(productKey(key));
          const skuId = normalizeCatalogId(key.skuId);
          const listed = list ? (await list).find((sku) => normalizeCatalogId(sku.id) === skuId) : undefined;
          return listed ?? (await limit(() => client.getSku(call, key.productId, key.skuId, key.country)));
        } catch (error) {
          return asError(error);
        }
      }),
    );
  };

  return {
    product: new DataLoader<ProductKey, ProductDto, string>(
      (keys) => Promise.all(keys.map((key) => limit(() => client.getProduct(call, key.productId, key.country)).catch(asError))),
      { cacheKeyFn: productKey },
    ),
    sku: new DataLoader<SkuKey, SkuDto, string>(batchSku, {
      cacheKeyFn: (key) => `${productKey(key)}|${normalizeCatalogId(key.skuId)}`,
      batchScheduleFn: gate.schedule,
    }),
  };
}
