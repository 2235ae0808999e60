/** GET /v1/products/{pid}[/skus[/{sku}]]?country=XX (API-FACTS 7). country is required. */
import { productJson, skuJson } from './catalog-json.js';
import { findProduct, findSku } from './catalog.js';
import { Faults, ok, standardBody, type Reply } from './errors.js';
import { headerValue, type RouteContext } from './route-context.js';
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
  // error-codes.md lists this one with HTTP 200.
  if (product.unavailable) return ok(standardBody(400072, "This item isn't available. To learn more, see Azure in Cloud Solution Provider (CSP)."));
  // Titles and descriptions follow X-Locale; a locale without a translation gets en-US.
  const locale = headerValue(ctx.headers, 'x-locale');
  if (ctx.route.name === 'product') return ok(productJson(product, cc, locale));
  if (ctx.route.name === 'skus') {
    const items = product.skus.map((s) => skuJson(product, s, cc, locale));
    return ok(collection(items, `/products/${product.id}/skus?country=${cc}`));
  }
  const sku = findSku(product, ctx.route.skuId ?? '');
  return sku ? ok(skuJson(product, sku, cc, locale)) : Faults.skuNotFound();
}
