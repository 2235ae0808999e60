import { describe, expect, it } from 'vitest';
import { request } from 'undici';
import { type TestGateway, withGateway } from '../support/gateway.js';
import { scrape } from '../support/prometheus.js';
import { rawRequest, type RawResponse } from '../support/raw-http.js';
import { useGateway } from '../support/shared-gateway.js';
import { eventually } from '../support/waiting.js';

const gw = useGateway();

describe('HTTP surface', () => {
  it('GET /health and /ready answer JSON', async () => {
    for (const [path, body] of [['/health', { status: 'ok' }], ['/ready', { status: 'ready', draining: false, upstream: 'ok' }]] as const) {
      const response = await request(`${gw.url}${path}`);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toContain('application/json');
      expect(await response.body.json()).toEqual(body);
    }
  });

  it('only the exact health path is a health check', async () => {
    const response = await request(`${gw.url}/graphql?x=/health`, { headers: { accept: 'application/json', 'x-graphql-csrf': '1' } });
    const body = (await response.body.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors.map((e) => [e.message, e.extensions.code])).toEqual([['Must provide query string.', 'BAD_REQUEST']]);
  });

  it('serves GraphiQL to browsers with every script inline: nothing loads from a CDN', async () => {
    const response = await request(`${gw.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(response.statusCode).toBe(200);
    const html = await response.body.text();
    expect(html).toContain('<title>partner-graph</title>');
    const external = [...html.matchAll(/<(?:script|link)[^>]+(?:src|href)=["'](https?:)?\/\/[^"']+/g)].map((m) => m[0]);
    expect(external).toEqual([]);
    expect(response.headers['ms-correlationid']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers GET queries that carry a preflight-forcing header, and refuses the rest (CSRF)', async () => {
    const url = `${gw.url}/graphql?query=${encodeURIComponent('{ __typename }')}`;
    const allowed = await request(url, { headers: { accept: 'application/json', 'x-graphql-csrf': '1' } });
    expect(allowed.statusCode).toBe(200);
    expect(await allowed.body.json()).toEqual({ data: { __typename: 'Query' } });
    const refused = await request(url, { headers: { accept: 'application/json' } });
    expect(refused.statusCode).toBe(403);
    const body = (await refused.body.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors.map((e) => e.extensions.code)).toEqual(['BAD_REQUEST']);
  });

  it('answers malformed JSON in GET variables with 400 BAD_REQUEST, not an internal error (found by fuzzing)', async () => {
    const response = await request(`${gw.url}/graphql?query=%7B__typename%7D&variables=%7B`, {
      headers: { accept: 'application/json', 'x-graphql-csrf': '1' },
    });
    expect(response.statusCode).toBe(400);
    const body = (await response.body.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors.map((e) => [e.message, e.extensions.code])).toEqual([['The "variables" query parameter must be JSON.', 'BAD_REQUEST']]);
  });

  it('refuses a multipart (upload) request with 415 unread, as any body type it does not read: the schema takes no uploads', async () => {
    const form = new FormData();
    form.set('operations', JSON.stringify({ query: '{ __typename }' }));
    form.set('map', '{}');
    const response = await fetch(`${gw.url}/graphql`, { method: 'POST', headers: { authorization: 'Bearer t', 'x-graphql-csrf': '1' }, body: form });
    expect(response.status).toBe(415);
    expect(await response.text()).toBe('');
  });

  it('answers malformed JSON bodies with 400 and a GraphQL error, not a crash', async () => {
    const response = await request(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer t' },
      body: '{"query": ',
    });
    expect(response.statusCode).toBe(400);
    const body = (await response.body.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] };
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0]!.extensions.correlationId).toEqual(expect.any(String));
  });
});

/** The counts a refusal must move: graphql_errors_total{code} and http_requests_refused_total{status,code}. */
async function refusalCounts(url: string, status: number, code: string): Promise<[number, number]> {
  const metrics = await scrape(url);
  const errors = metrics.samples('graphql_errors_total').find((s) => s.labels.code === code)?.value ?? 0;
  const refused = metrics.samples('http_requests_refused_total').find((s) => s.labels.code === code && s.labels.status === String(status))?.value ?? 0;
  return [errors, refused];
}

/**
 * Sends `raw` and proves the whole contract of a refusal: the status, a JSON body that is exactly one coded error
 * with its correlation id (so no stack, no path), the same id in MS-CorrelationId, Connection: close, the request's
 * `graphql request` line, and one more sample in both counters.
 */
async function expectRefusal(gateway: TestGateway, raw: string, status: number, code: string, message: string): Promise<RawResponse> {
  const before = await refusalCounts(gateway.url, status, code);
  const response = await rawRequest(gateway.url, raw);
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
  expect(response.headers.connection?.toLowerCase()).toBe('close');
  expect(Number(response.headers['content-length'])).toBe(Buffer.byteLength(response.body));
  const correlationId = response.headers['ms-correlationid']!;
  expect(correlationId).toMatch(/^[0-9a-f-]{36}$/);
  expect(JSON.parse(response.body)).toEqual({ errors: [{ message, extensions: { code, correlationId } }] });
  expect(response.text).not.toMatch(/node_modules|\/work\/|\.[jt]s:\d|\n\s+at /);
  await eventually(() => gateway.logs.some((l) => l.correlationId === correlationId && l.msg === 'graphql request'), 'the refusal log line');
  expect(gateway.logs.filter((l) => l.correlationId === correlationId)).toMatchObject([
    { level: 'info', msg: 'graphql request', graphql: { operationName: null, status, upstreamCalls: 0, outcome: 'error', errorCodes: [code] } },
  ]);
  const after = await refusalCounts(gateway.url, status, code);
  expect(after).toEqual([before[0] + 1, before[1] + 1]);
  return response;
}

describe('what the HTTP server refuses is coded JSON, logged and counted; never a stack', () => {
  const badHost = 'The Host header is not a host name or address.';

  it('a malformed Host header: 400 BAD_REQUEST (it was 500 text/plain with a stack and file paths)', async () => {
    for (const host of ['[::1', 'a b', 'x/graphql?query=1']) {
      await expectRefusal(gw, `GET /health HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`, 400, 'BAD_REQUEST', badHost);
    }
  });

  it('a missing Host header (HTTP/1.1): 400 BAD_REQUEST', async () => {
    await expectRefusal(gw, 'GET /health HTTP/1.1\r\nConnection: close\r\n\r\n', 400, 'BAD_REQUEST', 'The Host header is missing.');
  });

  it('an absolute-form target is served by its path; one the URL parser refuses is 400 BAD_REQUEST', async () => {
    const { host } = new URL(gw.url);
    const served = await rawRequest(gw.url, `GET ${gw.url}/health HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
    expect([served.status, served.body]).toEqual([200, '{"status":"ok"}']);
    const message = 'The request target is not a path or an http(s) URL.';
    for (const target of ['http://[::1/graphql', 'ftp://example.com/graphql', '*']) {
      await expectRefusal(gw, `GET ${target} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`, 400, 'BAD_REQUEST', message);
    }
  });

  it('headers over Node’s limit: 431 REQUEST_HEADER_FIELDS_TOO_LARGE (it was 400 with an empty body)', async () => {
    const raw = `GET /health HTTP/1.1\r\nHost: localhost\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`;
    await expectRefusal(gw, raw, 431, 'REQUEST_HEADER_FIELDS_TOO_LARGE', 'The request headers are too large.');
  });

  it('bytes that are not HTTP: 400 BAD_REQUEST, the parser’s reason not echoed', async () => {
    await expectRefusal(gw, 'HELLO\r\n\r\n', 400, 'BAD_REQUEST', 'The request is not valid HTTP/1.1.');
  });

  it('an Expect other than 100-continue: 417 BAD_REQUEST (it was an empty 417)', async () => {
    const raw = 'GET /health HTTP/1.1\r\nHost: localhost\r\nExpect: telepathy\r\nConnection: close\r\n\r\n';
    await expectRefusal(gw, raw, 417, 'BAD_REQUEST', 'Only "Expect: 100-continue" is supported.');
  });

  it('a body declared over MAX_ENTITIES_REQUEST_BYTES: 413 from the header alone, now with its log line and counts', async () => {
    // Between MAX_REQUEST_BYTES and it, the first 100000 bytes decide (entity-fetch-size.test.ts).
    const raw = 'POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 1000001\r\nConnection: close\r\n\r\n';
    await expectRefusal(gw, raw, 413, 'REQUEST_ENTITY_TOO_LARGE', 'The request body is over 1000000 bytes.');
  });

  it('a CSRF refusal: 403, now with its log line and counts', async () => {
    const raw = 'GET /graphql?query=%7B__typename%7D HTTP/1.1\r\nHost: localhost\r\nAccept: application/json\r\nConnection: close\r\n\r\n';
    await expectRefusal(
      gw,
      raw,
      403,
      'BAD_REQUEST',
      'This request could come from another site. Add the header "x-graphql-csrf: 1" (or apollo-require-preflight, x-apollo-operation-name, x-graphql-yoga-csrf) to GET and simple POST requests.',
    );
  });

  it('headers that do not arrive in time: 408 REQUEST_TIMEOUT (it was 400 with an empty body)', async () => {
    await withGateway({ timeouts: { headersMs: 100, requestMs: 200, checkEveryMs: 20 } }, async (slow) => {
      // Half a request line, then nothing: Node's own timeout answers.
      await expectRefusal(slow, 'GET /health HTTP/1.1\r\nHost: loc', 408, 'REQUEST_TIMEOUT', 'The request did not arrive in time.');
    });
  });
});
