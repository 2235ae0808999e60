import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../src/plugins/security/trusted-documents.js';
import { SEED_000_CUSTOMER_ID, SEED_004_CUSTOMER_ID } from '../../src/simulator/constants.js';
import { TOKEN, withGateway } from '../support/gateway.js';
import { scrape, type Sample, type Scrape } from '../support/prometheus.js';
import { useGateway } from '../support/shared-gateway.js';
import { dataOf } from '../support/data-of.js';

const A = SEED_004_CUSTOMER_ID;
const B = SEED_000_CUSTOMER_ID;
const MISSING = '00000000-1111-4222-8333-444444444444';
const CUSTOMER = '/v1/customers/{id}';
const ORDERS = '/v1/customers/{id}/orders';

/** Same label sets and values, in any order. */
function expectSamples(actual: Sample[], expected: Sample[]) {
  expect(actual).toHaveLength(expected.length);
  expect(actual).toEqual(expect.arrayContaining(expected));
}

describe('GET /metrics after a known mix of requests', () => {
  const gw = useGateway();
  let metrics: Scrape;
  beforeAll(async () => {
    // 2 upstream calls, both 200.
    const good = await gw.query(`query Good { customer(id: "${A}") { companyProfile { companyName } orders { id } } }`);
    expect(good.body.errors).toBeUndefined();
    gw.sim.inject({ match: { customerId: B }, fault: { kind: 'status', status: 429, retryAfterSeconds: 5 } });
    const throttled = await gw.query(`query Throttled { customer(id: "${B}") { companyProfile { companyName } } }`);
    expect(throttled.body.errors?.map((e) => e.extensions?.code)).toEqual(['THROTTLED']);
    const missing = await gw.query(`query Missing { customer(id: "${MISSING}") { companyProfile { companyName } } }`);
    expect(missing.body.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
    // Never reach Partner Center: no token, and a document that does not parse.
    expect((await gw.query(`query NoToken { customer(id: "${A}") { id } }`, undefined, { authorization: '' })).status).toBe(401);
    expect((await gw.query('query Broken {')).status).toBe(400);
    expect(gw.upstream()).toHaveLength(4);
    metrics = await scrape(gw.url);
  });

  it('answers in the Prometheus text format with no Authorization', () => {
    expect(metrics.status).toBe(200);
    expect(metrics.contentType).toBe('text/plain; version=0.0.4; charset=utf-8');
  });

  it('counts and times every upstream call by route template, status and outcome', () => {
    const expected = [
      { labels: { method: 'GET', route: CUSTOMER, status: '200', outcome: 'ok' }, value: 1 },
      { labels: { method: 'GET', route: ORDERS, status: '200', outcome: 'ok' }, value: 1 },
      { labels: { method: 'GET', route: CUSTOMER, status: '429', outcome: 'throttled' }, value: 1 },
      { labels: { method: 'GET', route: CUSTOMER, status: '404', outcome: 'not-found' }, value: 1 },
    ];
    expectSamples(metrics.samples('partner_center_requests_total'), expected);
    expectSamples(metrics.samples('partner_center_request_duration_seconds_count'), expected);
    // The +Inf bucket holds every observation.
    const infinite = metrics.samples('partner_center_request_duration_seconds_bucket').filter((s) => s.labels.le === '+Inf');
    expectSamples(infinite, expected.map(({ labels, value }) => ({ labels: { ...labels, le: '+Inf' }, value })));
  });

  it('counts throttles per route, and retries stay 0 until a retry layer exists', () => {
    expectSamples(metrics.samples('partner_center_throttled_total'), [
      { labels: { route: CUSTOMER }, value: 1 },
      { labels: { route: ORDERS }, value: 0 },
    ]);
    expectSamples(metrics.samples('partner_center_retries_total'), [
      { labels: { route: CUSTOMER }, value: 0 },
      { labels: { route: ORDERS }, value: 0 },
    ]);
  });

  it('counts GraphQL errors by extensions.code, also those raised before execution', () => {
    expectSamples(metrics.samples('graphql_errors_total'), [
      { labels: { code: 'THROTTLED' }, value: 1 },
      { labels: { code: 'NOT_FOUND' }, value: 1 },
      { labels: { code: 'UNAUTHENTICATED' }, value: 1 },
      { labels: { code: 'GRAPHQL_PARSE_FAILED' }, value: 1 },
    ]);
  });

  it('counts and times executed operations by name and type; a name without a token is `other`', () => {
    const expected = ['Good', 'Throttled', 'Missing', 'other'].map((name) => ({
      labels: { operation_name: name, operation_type: 'query' },
      value: 1,
    }));
    expectSamples(metrics.samples('graphql_operations_total'), expected);
    expectSamples(metrics.samples('graphql_operation_duration_seconds_count'), expected);
    expectSamples(metrics.samples('graphql_http_request_duration_seconds_count'), [
      ...['Good', 'Throttled', 'Missing'].map((name) => ({ labels: { operation_name: name, operation_type: 'query', status_code: '200' }, value: 1 })),
      { labels: { operation_name: 'other', operation_type: 'query', status_code: '401' }, value: 1 },
    ]);
  });

  it('includes Node.js process metrics and carries no customer id or raw path in any label', () => {
    expect(metrics.declares('process_cpu_user_seconds_total')).toBe(true);
    expect(metrics.declares('nodejs_eventloop_lag_seconds')).toBe(true);
    for (const id of [A, B, MISSING]) expect(metrics.text).not.toContain(id);
  });
});

describe('per instance and switchable', () => {
  it('gives each app its own registry', async () => {
    await withGateway({}, async (gw) => {
      const metrics = await scrape(gw.url);
      expect(metrics.status).toBe(200);
      expect(metrics.declares('partner_center_requests_total')).toBe(true);
      expect(metrics.samples('partner_center_requests_total')).toEqual([]);
      expect(metrics.samples('graphql_errors_total')).toEqual([]);
    });
  });

  it('METRICS=false serves no /metrics and still answers queries', async () => {
    await withGateway({ env: { METRICS: 'false' } }, async (gw) => {
      expect((await scrape(gw.url)).status).toBe(404);
      const response = await gw.query(`{ customer(id: "${A}") { orders { id } } }`);
      expect(response.body.errors).toBeUndefined();
      expect(gw.upstream()).toHaveLength(1);
    });
  });
});

describe('operationName label slots', () => {
  it('are not used up by operations that never proved a token: 120 named introspections, then a real operation keeps its name', async () => {
    await withGateway({}, async (gw) => {
      for (let i = 0; i < 60; i += 1) {
        expect((await gw.query(`query Probe${i} { __typename }`, undefined, { authorization: '' })).status).toBe(200);
        // A bearer token of the right shape that nothing checked is no proof either.
        expect((await gw.query(`query Forged${i} { __schema { queryType { name } } }`, undefined, { authorization: 'Bearer made-up' })).status).toBe(200);
      }
      const real = await gw.query(`query RealOperation { customer(id: "${A}") { orders { id } } }`);
      expect(real.body.errors).toBeUndefined();
      // Once claimed, the name is kept for anyone (no new slot is taken).
      expect((await gw.query('query RealOperation { __typename }', undefined, { authorization: '' })).status).toBe(200);

      const metrics = await scrape(gw.url);
      expectSamples(metrics.samples('graphql_operations_total'), [
        { labels: { operation_name: 'other', operation_type: 'query' }, value: 120 },
        { labels: { operation_name: 'RealOperation', operation_type: 'query' }, value: 2 },
      ]);
      expectSamples(metrics.samples('graphql_http_request_duration_seconds_count'), [
        { labels: { operation_name: 'other', operation_type: 'query', status_code: '200' }, value: 120 },
        { labels: { operation_name: 'RealOperation', operation_type: 'query', status_code: '200' }, value: 2 },
      ]);
    });
  });

  it('count one document as `other` until a request with a proven token claims its name, then as its name', async () => {
    await withGateway({}, async (gw) => {
      const document = `query SameDocument { customer(id: "${A}") { id } }`;
      // Without a token the operation is refused as it executes (401), and nothing proved a token: twice as `other`.
      for (let i = 0; i < 2; i += 1) expect((await gw.query(document, undefined, { authorization: '' })).status).toBe(401);
      dataOf(await gw.query(`query SameDocument { customer(id: "${A}") { orders { id } } }`));
      // Claimed by the request above: the name is kept for anyone, this document included.
      for (let i = 0; i < 3; i += 1) expect((await gw.query(document, undefined, { authorization: '' })).status).toBe(401);
      const metrics = await scrape(gw.url);
      expectSamples(metrics.samples('graphql_operations_total'), [
        { labels: { operation_name: 'other', operation_type: 'query' }, value: 2 },
        { labels: { operation_name: 'SameDocument', operation_type: 'query' }, value: 4 },
      ]);
    });
  });

  it('are given to trusted documents, whose names the manifest bounds', async () => {
    const document = `query TrustedOperation { customer(id: "${A}") { id } }`;
    const manifest = join(mkdtempSync(join(tmpdir(), 'trusted-')), 'manifest.json');
    writeFileSync(manifest, JSON.stringify({ [sha256(document)]: document }));
    await withGateway({ env: { TRUSTED_DOCUMENTS: manifest } }, async (gw) => {
      const response = await request(`${gw.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: TOKEN },
        body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: sha256(document) } } }),
      });
      expect(await response.body.json()).toEqual({ data: { customer: { id: A } } });
      expect(gw.upstream()).toHaveLength(0); // no call, so no proof of the token: the manifest is the bound
      const metrics = await scrape(gw.url);
      expect(metrics.samples('graphql_operations_total')).toEqual([{ labels: { operation_name: 'TrustedOperation', operation_type: 'query' }, value: 1 }]);
    });
  });
});
