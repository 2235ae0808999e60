import { isCatalogId, isCountryCode } from '../client/ids.js';
import type { OrderLineItemDto } from '../client/types.js';

/**
 * Which catalog item an order line names (API-FACTS 3.2 and 7): its `links.sku` uri
 * (`/products/{pid}/skus/{skuId}?country=US`, with or without `/v1` or a customer prefix), its
 * `links.product` uri, or a new-commerce offerId `productId:skuId:availabilityId`. Legacy offers (a GUID
 * offerId and no links) name none. Only the ids are taken; calls are built from them, never from the uri.
 */
export interface SkuRef {
  readonly productId: string;
  readonly skuId: string;
}

/** The line names a catalog item, but in a form no catalog id has: an upstream data problem. */
export const INVALID = 'invalid' as const;

const PREFIX = String.raw`^(?:/v1)?(?:/customers/[^/?#]+)?/products/([^/?#]+)`;
const SKU_URI = new RegExp(`${PREFIX}/skus/([^/?#]+)/?(?:[?#].*)?$`, 'i');
const PRODUCT_URI = new RegExp(`${PREFIX}/?(?:[?#].*)?$`, 'i');
const NEW_COMMERCE_OFFER = /^([^:]*):([^:]*):([^:]*)$/;

/** The SKU a line names, undefined when it names none, INVALID when the reference is malformed. */
export function skuRefOf(item: OrderLineItemDto): SkuRef | undefined | typeof INVALID {
  const fromLink = linkUri(item, 'sku');
  const match = fromLink === undefined ? offerParts(item.offerId) : SKU_URI.exec(fromLink);
  if (match === undefined) return undefined;
  const [, productId = '', skuId = ''] = match ?? [];
  return isCatalogId(productId) && isCatalogId(skuId) ? { productId, skuId } : INVALID;
}

/** The product a line names (from its product link, else its SKU reference). */
export function productIdOf(item: OrderLineItemDto): string | undefined | typeof INVALID {
  const fromLink = linkUri(item, 'product');
  if (fromLink === undefined) {
    const sku = skuRefOf(item);
    return typeof sku === 'object' ? sku.productId : sku;
  }
  const productId = PRODUCT_URI.exec(fromLink)?.[1] ?? '';
  return isCatalogId(productId) ? productId : INVALID;
}

/**
 * The market a line was bought in, from the `country` of its own link (`links.sku` for the SKU, `links.product`
 * for the product, then the other one), upper-case; undefined when neither link names a valid one.
 */
export function linkCountryOf(item: OrderLineItemDto, first: 'sku' | 'product'): string | undefined {
  for (const name of first === 'sku' ? (['sku', 'product'] as const) : (['product', 'sku'] as const)) {
    const uri = linkUri(item, name);
    const query = uri?.includes('?') ? uri.slice(uri.indexOf('?') + 1).split('#')[0] : undefined;
    const country = query === undefined ? null : new URLSearchParams(query).get('country');
    if (country !== null && isCountryCode(country)) return country.toUpperCase();
  }
  return undefined;
}

function linkUri(item: OrderLineItemDto, name: 'sku' | 'product'): string | undefined {
  const uri = item.links?.[name]?.uri;
  return typeof uri === 'string' && uri !== '' ? uri : undefined;
}

/** `[whole, productId, skuId, availabilityId]` for a new-commerce offerId; null when it has colons but not three parts. */
function offerParts(offerId: unknown): RegExpExecArray | null | undefined {
  if (typeof offerId !== 'string' || !offerId.includes(':')) return undefined;
  return NEW_COMMERCE_OFFER.exec(offerId);
}
