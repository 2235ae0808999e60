import { describe, expect, it } from 'vitest';
import { INVALID, productIdOf, skuRefOf } from '../../src/partner-center/loaders/catalog-ref.js';
import type { OrderLineItemDto } from '../../src/partner-center/client/types.js';

const link = (uri: string) => ({ uri, method: 'GET', headers: [] });

describe('the catalog item an order line names', () => {
  it('reads the SKU link, with or without /v1 or a customer prefix', () => {
    for (const uri of ['/products/DZH318Z0BQ4B/skus/000Z?country=US', '/v1/products/DZH318Z0BQ4B/skus/000Z', '/customers/b0d70a69-4c42-4b27-b17b-91a835d8686a/products/DZH318Z0BQ4B/skus/000Z']) {
      const line: OrderLineItemDto = { offerId: 'ignored', links: { sku: link(uri) } };
      expect(skuRefOf(line)).toEqual({ productId: 'DZH318Z0BQ4B', skuId: '000Z' });
      expect(productIdOf(line)).toBe('DZH318Z0BQ4B');
    }
  });

  it('prefers the product link for the product', () => {
    expect(productIdOf({ links: { product: link('/products/CFQ7TTC0LFLX?country=US'), sku: link('/products/OTHER/skus/0001') } })).toBe('CFQ7TTC0LFLX');
  });

  it('falls back to a new-commerce offerId', () => {
    const line = { offerId: 'CFQ7TTC0LH18:0001:CFQ7TTC0J1FV' };
    expect(skuRefOf(line)).toEqual({ productId: 'CFQ7TTC0LH18', skuId: '0001' });
    expect(productIdOf(line)).toBe('CFQ7TTC0LH18');
  });

  it('finds none for legacy offers', () => {
    const line = { offerId: '031C9E47-4802-4248-838E-778FB1D2CC05', links: { subscription: link('/subscriptions?key=<key>') } };
    expect(skuRefOf(line)).toBeUndefined();
    expect(productIdOf(line)).toBeUndefined();
    expect(skuRefOf({})).toBeUndefined();
  });

  it.each([
    ['an offerId with a path in it', { offerId: '../x:0001:Y' }],
    ['an offerId of two parts', { offerId: 'CFQ7TTC0LH18:0001' }],
    ['an offerId with an empty SKU', { offerId: 'CFQ7TTC0LH18::Y' }],
    ['a SKU link of another shape', { links: { sku: link('/skus/0001') } }],
    ['a SKU link with an encoded id', { links: { sku: link('/products/CFQ7%2F..%2Fx/skus/0001') } }],
  ])('calls %s invalid', (_, line) => {
    expect(skuRefOf(line as OrderLineItemDto)).toBe(INVALID);
  });

  it('calls a product link of another shape invalid', () => {
    expect(productIdOf({ links: { product: link('/products/a/b/c') } })).toBe(INVALID);
  });
});
