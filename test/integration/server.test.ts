import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { startGateway, type TestGateway } from '../support/gateway.js';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startGateway();
});
afterAll(() => gw.close());

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
