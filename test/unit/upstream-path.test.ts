import { describe, expect, it } from 'vitest';
import { v1Path } from '../../src/partner-center/transport/http.js';
import { isGuid } from '../../src/partner-center/client/ids.js';

describe('v1Path', () => {
  it('keeps the template for logs and encodes each parameter as one segment', () => {
    expect(v1Path('/customers/{id}/orders', { id: 'b0d70a69-4c42-4b27-b17b-91a835d8686a' })).toEqual({
      route: '/v1/customers/{id}/orders',
      path: '/v1/customers/b0d70a69-4c42-4b27-b17b-91a835d8686a/orders',
    });
  });

  it('cannot be steered to another path by a hostile value', () => {
    expect(v1Path('/customers/{id}', { id: '../../admin?x=1#y' }).path).toBe('/v1/customers/..%2F..%2Fadmin%3Fx%3D1%23y');
  });

  it('refuses a missing parameter', () => {
    expect(() => v1Path('/customers/{id}', {})).toThrow(TypeError);
  });
});

describe('isGuid', () => {
  it('accepts GUIDs in either case and nothing else', () => {
    expect(isGuid('b0d70a69-4c42-4b27-b17b-91a835d8686a')).toBe(true);
    expect(isGuid('B0D70A69-4C42-4B27-B17B-91A835D8686A')).toBe(true);
    expect(isGuid('b0d70a69-4c42-4b27-b17b-91a835d8686a/orders')).toBe(false);
    expect(isGuid('{b0d70a69-4c42-4b27-b17b-91a835d8686a}')).toBe(false);
    expect(isGuid('')).toBe(false);
  });
});
