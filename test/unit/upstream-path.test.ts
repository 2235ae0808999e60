import { describe, expect, it } from 'vitest';
import { requestTarget, v1Path, type UpstreamPath } from '../../src/partner-center/transport/http.js';
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

  it('refuses a dot segment, which would move the path', () => {
    expect(() => v1Path('/customers/{id}/orders', { id: '..' })).toThrow(TypeError);
    expect(() => v1Path('/customers/{id}/orders', { id: '.' })).toThrow(TypeError);
  });
});

describe('requestTarget', () => {
  /** What the transport sent before it built the string itself: a URL and URLSearchParams. */
  const viaUrl = (target: UpstreamPath) => {
    const url = new URL(target.path, 'http://partner-center.test');
    for (const [key, value] of Object.entries(target.query ?? {})) url.searchParams.set(key, value);
    return `${url.pathname}${url.search}`;
  };

  it('sends the bytes a URL with searchParams sent, for every kind of character', () => {
    const values = [
      'Monthly', 'true', '50', '',
      JSON.stringify({ Field: 'CompanyName', Value: "Contoso & Sons (UK) ~ 100% 'best'!*", Operator: 'starts_with' }),
      'a b+c=d&e?f#g/h\\i', 'Zürich €', '日本', '\ud83d\ude00', 'lone \ud800 surrogate', '-._*', '%41%zz',
    ];
    for (const value of values) {
      const target = { ...v1Path('/customers/{id}/orders', { id: 'b0d70a69-4c42-4b27-b17b-91a835d8686a' }), query: { filter: value, 'odd key&': value, size: '10' } };
      expect(requestTarget(target)).toBe(viaUrl(target));
    }
  });

  it('sends no query mark for no query or an empty one', () => {
    const target = v1Path('/customers', {});
    expect(requestTarget(target)).toBe('/v1/customers');
    expect(requestTarget({ ...target, query: {} })).toBe(viaUrl({ ...target, query: {} }));
  });

  it('keeps a hostile segment encoded, as the URL did', () => {
    const target = v1Path('/customers/{id}', { id: '../../admin?x=1#y' });
    expect(requestTarget(target)).toBe(viaUrl(target));
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
