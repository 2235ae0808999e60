/** GET /v1/products/{pid}[/skus[/{sku}]]?country=XX (API-FACTS 7). country is required. */
import { productJson, skuJson } from './catalog-json.js';
import { findProduct, findSku } from './catalog.js';
import { Faults, ok, type Reply } from './errors.js';
import type { RouteContext } from './route-context.js';
import { collection } from './wire.js';

function country(ctx: RouteContext): string | undefined {
  const value = ctx.query.get('country');
  return value === null || value.trim() === '' ? undefined : value;
}

export function catalogRoute(ctx: RouteContext): Reply {
  const cc = country(ctx);
  if (cc === undefined) return Faults.invalidInput('The country parameter is required.');
  const product = findProduct(ctx.route.productId ?? '');
  if (!product) return Faults.productNotFound();
  if (ctx.route.name === 'product') return ok(productJson(product, cc));
  if (ctx.route.name === 'skus') {
    const items = product.skus.map((s) => skuJson(product, s, cc));
    return ok(collection(items, `/products/${product.id}/skus?country=${cc}`));
  }
  const sku = findSku(product, ctx.route.skuId ?? '');
  return sku ? ok(skuJson(product, sku, cc)) : Faults.skuNotFound();
}
