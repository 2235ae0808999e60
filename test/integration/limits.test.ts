import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { SEED_004_CUSTOMER_ID } from '../../src/simulator/constants.js';
import { sha256 } from '../../src/plugins/security/trusted-documents.js';
import { TOKEN, type GraphQLResponse, withGateway } from '../support/gateway.js';
import { useGateway } from '../support/shared-gateway.js';

const A = SEED_004_CUSTOMER_ID;
// customers(25 ids) { id orders { id lineItems { offerId } } } costs 1 + 25 × (1 + 2 + 20 × (1 + 1 + 4 × 1)) = 3076.
const FAN_OUT = `query($ids: [ID!]!) { customers(ids: $ids) { id orders(billingCycle: MONTHLY) { id lineItems { offerId } } } }`;

const gw = useGateway({ env: { MAX_QUERY_COST: '3075', MAX_QUERY_DEPTH: '4', MAX_QUERY_ALIASES: '5', MAX_QUERY_DIRECTIVES: '4', MAX_QUERY_TOKENS: '400', MAX_REQUEST_BYTES: '4096' } });

function tooComplex(response: GraphQLResponse, limit: string) {
  expect(response.body.errors).toHaveLength(1);
  expect(response.body.errors![0]!.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit });
  expect(gw.upstream()).toHaveLength(0);
}

describe('hostile documents are refused before any upstream call', () => {
  it('cost: prices lists by their size, refusing one over MAX_QUERY_COST with its exact cost', async () => {
    const ids = Array.from({ length: 25 }, () => A);
    const response = await gw.query(FAN_OUT, { ids });
    tooComplex(response, 'cost');
    expect(response.body.errors![0]!.extensions).toMatchObject({ cost: 3076, max: 3075 });
    const smaller = await gw.query(FAN_OUT, { ids: ids.slice(1) });
    expect(smaller.body.errors).toBeUndefined();
  });

  it('depth: four levels pass, five are refused', async () => {
    const four = await gw.query(`{ customer(id: "${A}") { orders { lineItems { offerId } } } }`);
    expect(four.body.errors).toBeUndefined();
    gw.resetUpstream();
    tooComplex(await gw.query(`{ customer(id: "${A}") { orders { lineItems { provisioningContext { key } } } } }`), 'depth');
  });

  it('aliases', async () => {
    const aliases = Array.from({ length: 6 }, (_, i) => `a${i}: customer(id: "${A}") { id }`).join(' ');
    const response = await gw.query(`{ ${aliases} }`);
    tooComplex(response, 'aliases');
    expect(response.status).toBe(400);
  });

  it('directives', async () => {
    const response = await gw.query(
      `{ __typename @skip(if: false) customer(id: "${A}") @include(if: true) { id @skip(if: false) commerceId @skip(if: true) relationshipToPartner @skip(if: true) } }`,
    );
    tooComplex(response, 'directives');
  });

  it('tokens, while a plain syntax error stays a parse error', async () => {
    // One-letter names keep the body under MAX_REQUEST_BYTES; tokens are counted before validation.
    const fields = Array.from({ length: 450 }, () => 'x').join(' ');
    const response = await gw.query(`{ ${fields} }`);
    tooComplex(response, 'tokens');
    expect(response.status).toBe(400);
    const broken = await gw.query('{ __typename ');
    expect(broken.body.errors![0]!.extensions!.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('request bodies over MAX_REQUEST_BYTES are 413', async () => {
    const response = await request(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: TOKEN },
      body: JSON.stringify({ query: `{ __typename }`, variables: { pad: 'x'.repeat(5000) } }),
    });
    expect(response.statusCode).toBe(413);
    const body = (await response.body.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors.map((e) => e.extensions.code)).toEqual(['REQUEST_ENTITY_TOO_LARGE']);
    expect(gw.upstream()).toHaveLength(0);
  });

  it('a chunked body (no Content-Length) is counted as it streams: over the limit 413, under it served', async () => {
    const chunked = (text: string) =>
      request(`${gw.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: TOKEN },
        // A stream has no known length: undici sends it with Transfer-Encoding: chunked.
        body: Readable.from(Array.from({ length: Math.ceil(text.length / 1000) }, (_, i) => Buffer.from(text.slice(i * 1000, i * 1000 + 1000)))),
      });
    const over = await chunked(JSON.stringify({ query: `{ __typename }`, variables: { pad: 'x'.repeat(5000) } }));
    expect(over.statusCode).toBe(413);
    const body = (await over.body.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors.map((e) => e.extensions.code)).toEqual(['REQUEST_ENTITY_TOO_LARGE']);
    const under = await chunked(JSON.stringify({ query: `{ __typename }`, variables: { pad: 'x'.repeat(3000) } }));
    expect(under.statusCode).toBe(200);
    expect(await under.body.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('batched operations (a JSON array) are refused', async () => {
    const response = await request(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: TOKEN },
      body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
    });
    expect(response.statusCode).toBe(400);
    const body = (await response.body.json()) as { errors: { message: string }[] };
    expect(body.errors).toHaveLength(1);
  });
});

describe('production switches', () => {
  it('INTROSPECTION=false refuses __schema but still serves _service for composition', async () => {
    await withGateway({ env: { INTROSPECTION: 'false' } }, async (closed) => {
      const introspection = await closed.query('{ __schema { queryType { name } } }');
      expect(introspection.body.errors?.[0]?.message).toMatch(/introspection/i);
      const service = await closed.query('{ _service { sdl } }', undefined, { authorization: '' });
      expect(service.body.errors).toBeUndefined();

      // Nor does it name fields, arguments, types or enum values in "Did you mean …?" hints: with
      // introspection off they would give the schema away one guess at a time.
      const messages = async (query: string, variables?: Record<string, unknown>) =>
        ((await closed.query(query, variables)).body.errors ?? []).map((e) => e.message);
      expect(await messages(`{ customer(id: "${A}") { ordrs } }`)).toEqual(['Cannot query field "ordrs" on type "Customer".']);
      expect(await messages(`{ customer(id: "${A}") { orders(billingcycle: MONTHLY) { id } } }`)).toEqual([
        'Unknown argument "billingcycle" on field "Customer.orders".',
      ]);
      expect(await messages(`{ customer(id: "${A}") { orders(billingCycle: MONTHY) { id } } }`)).toEqual([
        'Value "MONTHY" does not exist in "PartnerCenterBillingCycle" enum.',
      ]);
      expect(await messages(`query($c: PartnerCenterBillingCycle) { customer(id: "${A}") { orders(billingCycle: $c) { id } } }`, { c: 'MONTHY' })).toEqual([
        'Variable "$c" got invalid value "MONTHY"; Value "MONTHY" does not exist in "PartnerCenterBillingCycle" enum.',
      ]);
      expect(await messages(`query($c: BillingCycl) { customer(id: "${A}") { id } }`)).toEqual([
        'Unknown type "BillingCycl".',
        'Variable "$c" is never used.',
      ]);
    });
  });

  it('keeps "Did you mean …?" hints while introspection is on (the schema is public then)', async () => {
    const response = await gw.query(`{ customer(id: "${A}") { ordrs } }`);
    expect(response.body.errors?.map((e) => e.message)).toEqual(['Cannot query field "ordrs" on type "Customer". Did you mean "orders" or "order"?']);
  });

  it('GRAPHIQL=false serves no GraphiQL page to browsers', async () => {
    await withGateway({ env: { GRAPHIQL: 'false' } }, async (closed) => {
      const page = await request(`${closed.url}/graphql`, { headers: { accept: 'text/html' } });
      expect(page.statusCode).toBe(406); // HTML is not acceptable: only GraphQL media types are served
      expect(await page.body.text()).toBe('');
    });
  });

  it('TRUSTED_DOCUMENTS runs only the manifest operations, by hash', async () => {
    const document = `query Trusted { customer(id: "${A}") { id } }`;
    const dir = mkdtempSync(join(tmpdir(), 'trusted-'));
    const manifest = join(dir, 'manifest.json');
    writeFileSync(manifest, JSON.stringify({ [sha256(document)]: document }));
    await withGateway({ env: { TRUSTED_DOCUMENTS: manifest } }, async (trusted) => {
      const post = (body: object) =>
        request(`${trusted.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: TOKEN },
          body: JSON.stringify(body),
        }).then(async (r) => ({ status: r.statusCode, body: (await r.body.json()) as GraphQLResponse['body'] }));
      const ok = await post({ extensions: { persistedQuery: { version: 1, sha256Hash: sha256(document) } } });
      expect(ok.body).toEqual({ data: { customer: { id: A } } });
      const arbitrary = await post({ query: document });
      expect(arbitrary.body.errors?.[0]?.message).toMatch(/persisted/i);
      const unknown = await post({ extensions: { persistedQuery: { version: 1, sha256Hash: sha256('{ __typename }') } } });
      expect(unknown.body.errors?.[0]?.message).toBe('PersistedQueryNotFound');
      expect(trusted.upstream()).toHaveLength(0);
    });
  });
});
