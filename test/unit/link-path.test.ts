import { describe, expect, it } from 'vitest';
import { linkPath } from '../../src/partner-center/client/link-path.js';

const TOKEN = { key: 'MS-ContinuationToken', value: 'eyJ0Ijox.abc' };

describe('linkPath: following a Partner Center link', () => {
  it('takes the uri with or without /v1 and keeps its query and headers', () => {
    const expected = {
      route: '/v1/customers',
      path: '/v1/customers',
      query: { size: '40', seekOperation: 'Next' },
      headers: { 'ms-continuationtoken': 'eyJ0Ijox.abc' },
    };
    expect(linkPath({ uri: '/customers?size=40&seekOperation=Next', headers: [TOKEN] }, '/v1/customers')).toEqual(expected);
    expect(linkPath({ uri: '/v1/customers?size=40&seekOperation=Next', headers: [TOKEN] }, '/v1/customers')).toEqual(expected);
    expect(linkPath({ uri: '/V1/Customers?size=40&seekOperation=Next', headers: [TOKEN] }, '/v1/customers')).toEqual(expected);
  });

  it.each([
    ['an absolute URL', 'https://evil.example/v1/customers'],
    ['a protocol-relative URL', '//evil.example/v1/customers'],
    ['a path without a leading slash', 'customers?size=1'],
    ['another resource', '/customers/b0d70a69-4c42-4b27-b17b-91a835d8686a'],
    ['dot segments out of the route', '/customers/../../admin'],
    ['an encoded slash', '/customers%2F..%2Fadmin'],
    ['a fragment', '/customers#x'],
    ['a backslash', '/customers\\..\\admin'],
    ['white space', '/customers ?x=1'],
    ['/v1 glued to the path', '/v1customers'],
  ])('refuses %s', (_, uri) => {
    expect(() => linkPath({ uri, headers: [] }, '/v1/customers')).toThrow(TypeError);
  });

  it.each([
    ['Authorization', 'Bearer x'],
    ['MS-CorrelationId', 'x'],
    ['Host', 'evil.example'],
    ['X Bad Name', 'x'],
    ['MS-ContinuationToken', 'a\r\nInjected: yes'],
  ])('refuses a %s header', (key, value) => {
    expect(() => linkPath({ uri: '/customers', headers: [{ key, value }] }, '/v1/customers')).toThrow(TypeError);
  });

  it('refuses the same header twice, in any case', () => {
    expect(() => linkPath({ uri: '/customers', headers: [TOKEN, { key: 'ms-continuationtoken', value: 'y' }] }, '/v1/customers')).toThrow(TypeError);
  });
});
