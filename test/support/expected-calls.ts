import type { OrderLineItem } from '../../src/simulator/types.js';
import type { TestGateway } from './gateway.js';

/**
 * What a query should cost, worked out from the simulator's data by the documented rules, independently
 * of the gateway's code: the number of distinct upstream resources it needs.
 */

/** Upstream calls as "path?query", sorted. */
export function callsOf(gw: TestGateway): string[] {
  return gw
    .upstream()
    .map((c) => `${c.path}${Object.keys(c.query).length ? `?${new URLSearchParams(c.query).toString()}` : ''}`)
    .sort();
}

/** The (product, SKU) an order line names: new-commerce offerIds are `productId:skuId:availabilityId`. */
export function skuOf(line: OrderLineItem): { productId: string; skuId: string } | undefined {
  const [productId, skuId, availabilityId] = line.offerId.split(':');
  return productId && skuId && availabilityId ? { productId, skuId } : undefined;
}

/** The market a line was bought in: the `?country=` of its SKU (else product) link, else `fallback`. */
export function marketOf(line: OrderLineItem, fallback: string): string {
  for (const link of [line.links?.sku, line.links?.product]) {
    const country = link && new URL(link.uri, 'http://x.invalid').searchParams.get('country');
    if (country) return country.toUpperCase();
  }
  return fallback;
}

/** Per product and country: several distinct SKUs cost the SKU list, one SKU costs a GET by id. */
export function expectedSkuCalls(lines: readonly OrderLineItem[], country = 'US'): string[] {
  const byProduct = new Map<string, Set<string>>();
  for (const line of lines) {
    const sku = skuOf(line);
    const key = sku && `${sku.productId}?country=${marketOf(line, country)}`;
    if (sku && key) byProduct.set(key, (byProduct.get(key) ?? new Set()).add(sku.skuId));
  }
  return [...byProduct].map(([key, skus]) => {
    const [productId, market] = key.split('?');
    return skus.size > 1 ? `/v1/products/${productId}/skus?${market}` : `/v1/products/${productId}/skus/${[...skus][0]}?${market}`;
  });
}

/** Per customer: several distinct subscriptions cost the list, one costs a GET by id, none costs nothing. */
export function expectedSubscriptionCalls(customerId: string, lines: readonly OrderLineItem[]): string[] {
  const ids = new Set(lines.flatMap((line) => (line.subscriptionId ? [line.subscriptionId.toLowerCase()] : [])));
  if (ids.size === 0) return [];
  const base = `/v1/customers/${customerId}/subscriptions`;
  return [ids.size > 1 ? base : `${base}/${[...ids][0]}`];
}
