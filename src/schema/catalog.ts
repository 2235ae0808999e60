import type { Context } from '../app/context.js';
import { badUserInput } from '../errors.js';
import { parseBillingCycle } from '../partner-center/client/billing-cycle.js';
import { INVALID, linkCountryOf, productIdOf, skuRefOf } from '../partner-center/loaders/catalog-ref.js';
import { isCountryCode } from '../partner-center/client/ids.js';
import type { ProductDto, ProductTypeDto, SkuDto } from '../partner-center/client/types.js';
import { BillingCycleEnum } from './billing-cycle.js';
import { builder } from './builder.js';
import { integerOrNull, OrderLineItemType, stringOrNull, type LineItemParent } from './line-item.js';
import { objectOrNull } from './profile.js';
import { unusableReference } from './upstream-data.js';

const bool = (value: unknown) => (typeof value === 'boolean' ? value : null);

// Declared before it is implemented: subType refers to the type itself.
export const ProductTypeType = builder.objectRef<ProductTypeDto>('PartnerCenterProductType');
ProductTypeType.implement({
  description: 'A catalog category, e.g. `OnlineServicesNCE`, `Azure` with sub-type `VirtualMachines`, `Software`.',
  fields: (t) => ({
    id: t.string({ description: 'Category id, e.g. `Azure`.', resolve: (p) => stringOrNull(p.id) }),
    displayName: t.string({ description: 'Category name for display.', resolve: (p) => stringOrNull(p.displayName) }),
    subType: t.field({ type: ProductTypeType, description: 'Sub-category, e.g. `VirtualMachines`; null when there is none.', resolve: (p) => objectOrNull(p.subType) }),
  }),
});

export const ProductType = builder.objectRef<ProductDto>('PartnerCenterProduct').implement({
  description: 'A catalog product in one market. Title and description are in the language of the request\'s `Accept-Language` (else the server\'s default locale) where Partner Center has them. Costs one Partner Center call per product and market; see docs/cost-model.md.',
  fields: (t) => ({
    id: t.exposeID('id', { nullable: false, description: 'Product id, e.g. `CFQ7TTC0LH18`.' }),
    title: t.string({ description: 'Product name.', resolve: (p) => stringOrNull(p.title) }),
    description: t.string({ description: 'What the product is.', resolve: (p) => stringOrNull(p.description) }),
    productType: t.field({ type: ProductTypeType, description: 'The product\'s category.', resolve: (p) => objectOrNull(p.productType) }),
    isMicrosoftProduct: t.boolean({ description: 'Whether Microsoft publishes it.', resolve: (p) => bool(p.isMicrosoftProduct) }),
    publisherName: t.string({ description: 'Publisher, e.g. `Microsoft Corporation`.', resolve: (p) => stringOrNull(p.publisherName) }),
  }),
});

export const SkuType = builder.objectRef<SkuDto>('PartnerCenterSku').implement({
  description: 'A purchasable variant of a catalog product in one market. Title and description are in the language of the request\'s `Accept-Language` (else the server\'s default locale) where Partner Center has them. Fields are null when Partner Center left them out. Costs Partner Center calls per product and market; see docs/cost-model.md.',
  fields: (t) => ({
    id: t.exposeID('id', { nullable: false, description: 'SKU id, e.g. `0001`: unique only within its product.' }),
    productId: t.string({ description: 'The product it belongs to.', resolve: (s) => stringOrNull(s.productId) }),
    title: t.string({ description: 'SKU name, e.g. `Microsoft 365 Business Basic`.', resolve: (s) => stringOrNull(s.title) }),
    description: t.string({ description: 'What the SKU is.', resolve: (s) => stringOrNull(s.description) }),
    minimumQuantity: t.int({ description: 'Least quantity one purchase may have.', resolve: (s) => integerOrNull(s.minimumQuantity) }),
    maximumQuantity: t.int({ description: 'Largest quantity one purchase may have.', resolve: (s) => integerOrNull(s.maximumQuantity) }),
    isTrial: t.boolean({ description: 'Whether it is a trial.', resolve: (s) => bool(s.isTrial) }),
    supportedBillingCycles: t.field({
      type: [BillingCycleEnum],
      description: 'Billing cycles it can be bought with; a value this gateway does not know is UNKNOWN. Null when Partner Center sent none.',
      resolve: (s) => (Array.isArray(s.supportedBillingCycles) ? s.supportedBillingCycles.map(parseBillingCycle).filter((c) => c !== null) : null),
    }),
    termsOfUseUri: t.string({ description: 'URL of its terms of use; null when there is none.', resolve: (s) => stringOrNull(s.termsOfUseUri) }),
  }),
});

/**
 * The market to look in: the one the line's own link names (it was bought there), else the argument
 * (validated either way, no upstream call when bad), else DEFAULT_COUNTRY.
 */
function countryOf(item: LineItemParent, first: 'sku' | 'product', country: string | null | undefined, ctx: Context): string {
  if (country !== null && country !== undefined && !isCountryCode(country)) {
    throw badUserInput('country must be a two-letter ISO 3166 code such as US.', { argument: 'country' });
  }
  return linkCountryOf(item, first) ?? country?.toUpperCase() ?? ctx.config.catalog.defaultCountry;
}

const COUNTRY = 'Market to read the catalog in, a two-letter ISO 3166 code (e.g. `DE`); anything else is BAD_USER_INPUT. Used only when the line does not name the market it was bought in (that market wins). Default: the server\'s default country (US unless configured).';
const REFERENCE = 'Null with no error for legacy offers (a GUID `offerId`), which are not in the catalog.';

builder.objectField(OrderLineItemType, 'sku', (t) =>
  t.field({
    type: SkuType,
    description: `The catalog SKU this line bought. ${REFERENCE} Null with NOT_FOUND when the catalog does not have it or it is not available in that market.`,
    args: { country: t.arg.string({ description: COUNTRY }) },
    resolve: (item, args, ctx) => {
      const country = countryOf(item, 'sku', args.country, ctx);
      const ref = skuRefOf(item);
      if (ref === undefined) return null;
      if (ref === INVALID) throw unusableReference('catalog reference', item.links?.sku?.uri ?? item.offerId);
      return ctx.loaders.sku.load({ ...ref, country });
    },
  }),
);

builder.objectField(OrderLineItemType, 'product', (t) =>
  t.field({
    type: ProductType,
    description: `The catalog product this line bought. ${REFERENCE} Null with NOT_FOUND when the catalog does not have it or it is not available in that market.`,
    args: { country: t.arg.string({ description: COUNTRY }) },
    resolve: (item, args, ctx) => {
      const country = countryOf(item, 'product', args.country, ctx);
      const productId = productIdOf(item);
      if (productId === undefined) return null;
      if (productId === INVALID) throw unusableReference('catalog reference', item.links?.product?.uri ?? item.offerId);
      return ctx.loaders.product.load({ productId, country });
    },
  }),
);
