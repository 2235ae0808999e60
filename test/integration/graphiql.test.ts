import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { DEV_AUTHORIZATION, SAMPLE_QUERY } from '../../src/plugins/http/sample-query.js';
import { withGateway } from '../support/gateway.js';
import { useGateway } from '../support/shared-gateway.js';

const gw = useGateway({ graphiql: { defaultQuery: SAMPLE_QUERY, headers: JSON.stringify({ Authorization: DEV_AUTHORIZATION }) } });

async function page(headers: Record<string, string> = {}, method: 'GET' | 'HEAD' = 'GET', path = '/graphql') {
  const response = await request(`${gw.url}${path}`, { method, headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8', ...headers } });
  const body = Buffer.from(await response.body.arrayBuffer());
  return { status: response.statusCode, headers: response.headers, body };
}

const built = () => gw.logs.filter((line) => line.msg === 'graphiql page built');

describe('GraphiQL page', () => {
  it('is built once, however many browsers ask at once and after', async () => {
    const first = await Promise.all(Array.from({ length: 6 }, (_, i) => page({ 'accept-encoding': ['br', 'gzip', 'identity'][i % 3]! })));
    const later = await Promise.all(Array.from({ length: 3 }, () => page({ 'accept-encoding': 'gzip, deflate, br' })));
    expect(built()).toHaveLength(1);
    const [log] = built();
    const sizes = (log!.graphiql as { bytes: Record<string, number> }).bytes;
    // Every response of an encoding is the same bytes under the same ETag.
    for (const [encoding, responses] of [
      ['br', [...first.filter((_, i) => i % 3 === 0), ...later]],
      ['gzip', first.filter((_, i) => i % 3 === 1)],
      ['identity', first.filter((_, i) => i % 3 === 2)],
    ] as const) {
      expect(new Set(responses.map((r) => r.headers.etag)).size).toBe(1);
      expect(responses.every((r) => r.status === 200 && r.body.equals(responses[0]!.body))).toBe(true);
      expect(responses[0]!.body.length).toBe(sizes[encoding]);
    }
    // The build (a worker parsing, rendering and compressing the bundle) takes seconds on a busy machine.
  }, 60_000);

  it.each([
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['gzip;q=0, br;q=0', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('Accept-Encoding %j gets %s, the same page', async (acceptEncoding, encoding) => {
    const response = await page(acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding });
    expect(response.status).toBe(200);
    expect(response.headers['content-encoding']).toBe(encoding);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['content-length']).toBe(String(response.body.length));
    expect(response.headers.vary).toBe('Accept-Encoding');
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.headers.etag).toMatch(new RegExp(`^"[\\w-]{32}${encoding ? `-${encoding}` : ''}"$`));
    expect(response.headers['ms-correlationid']).toMatch(/^[0-9a-f-]{36}$/);
    const html = (encoding === 'br' ? brotliDecompressSync(response.body) : encoding === 'gzip' ? gunzipSync(response.body) : response.body).toString('utf8');
    expect(html).toContain('<title>partner-graph</title>');
    // The options main.ts passes for the embedded simulator, as GraphiQL reads them.
    expect(html).toContain(JSON.stringify({ title: 'partner-graph', shouldPersistHeaders: false, defaultQuery: SAMPLE_QUERY, headers: JSON.stringify({ Authorization: DEV_AUTHORIZATION }) }));
  });

  it('answers If-None-Match with 304 and no body, per encoding', async () => {
    const br = await page({ 'accept-encoding': 'br' });
    const identity = await page();
    const etag = br.headers.etag as string;
    for (const ifNoneMatch of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const revalidated = await page({ 'accept-encoding': 'br', 'if-none-match': ifNoneMatch });
      expect([revalidated.status, revalidated.body.length, revalidated.headers.etag, revalidated.headers.vary]).toEqual([304, 0, etag, 'Accept-Encoding']);
    }
    // The br variant's tag does not validate the identity one, nor a stale tag anything.
    expect((await page({ 'if-none-match': etag })).status).toBe(200);
    expect((await page({ 'accept-encoding': 'br', 'if-none-match': identity.headers.etag as string })).status).toBe(200);
    expect((await page({ 'accept-encoding': 'br', 'if-none-match': '"stale"' })).status).toBe(200);
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const get = await page({ 'accept-encoding': 'gzip' });
    const head = await page({ 'accept-encoding': 'gzip' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    for (const name of ['content-type', 'content-encoding', 'content-length', 'etag', 'vary', 'cache-control']) {
      expect([name, head.headers[name]]).toEqual([name, get.headers[name]]);
    }
  });

  it('is the page on /graphql/ and with a query string too, and never for API clients', async () => {
    expect((await page({}, 'GET', '/graphql/')).status).toBe(200);
    const withQuery = await page({}, 'GET', `/graphql?query=${encodeURIComponent('{ __typename }')}`);
    expect([withQuery.status, withQuery.headers['content-type']]).toEqual([200, 'text/html; charset=utf-8']);
    const api = await request(`${gw.url}/graphql?query=${encodeURIComponent('{ __typename }')}`, { headers: { accept: 'application/json', 'x-graphql-csrf': '1' } });
    expect(await api.body.json()).toEqual({ data: { __typename: 'Query' } });
    expect((await page({}, 'GET', '/other')).status).toBe(404);
  });
});

describe('GraphiQL behind a list of CORS origins', () => {
  it('varies by both Origin and Accept-Encoding', async () => {
    await withGateway({ env: { CORS_ORIGINS: 'https://portal.example.com,https://admin.example.com' } }, async (listed) => {
      const response = await request(`${listed.url}/graphql`, { method: 'HEAD', headers: { accept: 'text/html', origin: 'https://portal.example.com' } });
      await response.body.dump();
      expect([response.statusCode, response.headers['access-control-allow-origin'], response.headers.vary]).toEqual([200, 'https://portal.example.com', 'Origin, Accept-Encoding']);
    });
  }, 60_000);
});

describe('GraphiQL switched off', () => {
  it('by default in production with a real upstream: no page, nothing built', async () => {
    await withGateway({ env: { NODE_ENV: 'production' } }, async (production) => {
      expect(production.config.graphiql).toBe(false);
      const response = await request(`${production.url}/graphql`, { headers: { accept: 'text/html' } });
      expect(response.statusCode).toBe(406); // only GraphQL media types are served
      expect(await response.body.text()).toBe('');
      expect(production.logs.filter((line) => line.msg === 'graphiql page built')).toEqual([]);
    });
  });
});
