import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { SEED_004_CUSTOMER_ID } from '../../src/simulator/constants.js';
import { TOKEN, type GraphQLResponse } from '../support/gateway.js';
import { useGateway } from '../support/shared-gateway.js';

const A = SEED_004_CUSTOMER_ID;
const rep = (n: number, make: (i: number) => string) => Array.from({ length: n }, (_, i) => make(i)).join(' ');
/** `[[[ … "x" … ]]]` as JSON text, `levels` lists deep (JSON.stringify itself would overflow the stack). */
const nested = (levels: number) => `${'['.repeat(levels)}"x"${']'.repeat(levels)}`;

// The defaults, except a larger body limit so the byte limit is what refuses a long document.
const gw = useGateway({ env: { MAX_REQUEST_BYTES: '1000000' } });

async function post(body: unknown, authorization = TOKEN): Promise<GraphQLResponse> {
  const response = await request(`${gw.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', authorization },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.statusCode, headers: response.headers, body: (await response.body.json()) as GraphQLResponse['body'] };
}

/** One coded refusal, HTTP 400, and not one upstream call. */
function refused(response: GraphQLResponse, code: string, limit: string, max: number) {
  expect(response.status).toBe(400);
  expect(response.body.errors).toHaveLength(1);
  expect(response.body.errors![0]!.extensions).toMatchObject({ code, limit, max });
  expect(response.body.data).toBeUndefined();
  expect(gw.upstream()).toHaveLength(0);
}

describe('documents are refused by size and shape before graphql-js validates them', () => {
  it('bytes: a text over MAX_QUERY_BYTES (16384) is refused before it is parsed; one at the limit runs', async () => {
    const head = `{ customer(id: "${A}") { id } } #`;
    const pad = (bytes: number) => head + 'x'.repeat(bytes - head.length);
    expect(Buffer.byteLength(pad(16_384))).toBe(16_384);
    const ok = await post({ query: pad(16_384) });
    expect(ok.body).toEqual({ data: { customer: { id: A } } });
    gw.resetUpstream();
    refused(await post({ query: pad(16_385) }), 'QUERY_TOO_COMPLEX', 'bytes', 16_384);
    // Counted in UTF-8 bytes, not characters: 8,200 two-byte characters are 16,400 bytes.
    refused(await post({ query: `{ __typename } #${'é'.repeat(8_200)}` }), 'QUERY_TOO_COMPLEX', 'bytes', 16_384);
  });

  it('tokens: over MAX_QUERY_TOKENS (2000)', async () => {
    refused(await post({ query: `{ customer(id: "${A}") { ${rep(2000, () => 'id')} } }` }), 'QUERY_TOO_COMPLEX', 'tokens', 2000);
  });

  it("repeats: issue 13's document (`orders { id }` 1,000 times under one customer) is refused after the parse", async () => {
    // Under the token limit so the repeat count is what refuses it: 11 selections of orders at one path.
    refused(await post({ query: `{ customer(id: "${A}") { ${rep(11, () => 'orders { id }')} } }` }), 'QUERY_TOO_COMPLEX', 'repeats', 10);
    // Repeats count across fragments and across the merged parents: 4 × 3 ids answer customer.orders.id.
    const merged = `{ customer(id: "${A}") { ${rep(4, () => 'orders { id id id }')} } }`;
    refused(await post({ query: merged }), 'QUERY_TOO_COMPLEX', 'repeats', 10);
    const fragments = `{ customer(id: "${A}") { id ${rep(10, (i) => `...F${i}`)} } } ${rep(10, (i) => `fragment F${i} on Customer { id }`)}`;
    refused(await post({ query: fragments }), 'QUERY_TOO_COMPLEX', 'repeats', 10);
    // Ten are allowed.
    const ten = await post({ query: `{ customer(id: "${A}") { ${rep(10, () => 'id')} } }` });
    expect(ten.body).toEqual({ data: { customer: { id: A } } });
  });

  it('fields: over MAX_QUERY_FIELDS (1000), counting each fragment where it is spread', async () => {
    // 30 aliases × a fragment of 34 distinct (unknown) fields = 1,020 fields, 30 + 34 as written.
    const query = `{ ${rep(30, (i) => `c${i}: customer(id: "${A}") { ...F }`)} } fragment F on Customer { ${rep(34, (i) => `f${i}`)} }`;
    refused(await post({ query }), 'QUERY_TOO_COMPLEX', 'fields', 1000);
  });

  it('fragments: over MAX_QUERY_FRAGMENT_SPREADS (32) distinct fragments spread into one selection', async () => {
    const query = `{ customer(id: "${A}") { ${rep(33, (i) => `...F${i}`)} } } ${rep(33, (i) => `fragment F${i} on Customer { f${i} }`)}`;
    refused(await post({ query }), 'QUERY_TOO_COMPLEX', 'fragments', 32);
  });

  it('a frontend document with fragments, aliases and __typename everywhere runs', async () => {
    const query = `query Page($id: ID!) { customer(id: $id) { __typename id ...Header a: orders(billingCycle: MONTHLY) { ...Order } b: orders { ...Order } } }
      fragment Header on Customer { __typename id companyProfile { __typename companyName } }
      fragment Order on Order { __typename id status lineItems { __typename offerId } }`;
    const response = await post({ query, variables: { id: A } });
    expect(response.body.errors).toBeUndefined();
    expect(response.status).toBe(200);
  });
});

describe('variables and extensions are refused by depth and size before anything walks them', () => {
  it('4,500 nested lists in variables: 400 BAD_USER_INPUT, not a stack overflow (INTERNAL_SERVER_ERROR)', async () => {
    refused(await post(`{"query":"{ __typename }","variables":{"x":${nested(4_500)}}}`), 'BAD_USER_INPUT', 'variablesDepth', 32);
  });

  it('the same in extensions, and in GET query-string variables (1,000 levels: a URL must fit in the headers)', async () => {
    refused(await post(`{"query":"{ __typename }","extensions":{"x":${nested(4_500)}}}`), 'BAD_USER_INPUT', 'variablesDepth', 32);
    const url = new URL(`${gw.url}/graphql`);
    url.searchParams.set('query', '{ __typename }');
    url.searchParams.set('variables', `{"x":${nested(1_000)}}`);
    const response = await request(url, { headers: { accept: 'application/graphql-response+json', authorization: TOKEN, 'x-graphql-csrf': '1' } });
    refused({ status: response.statusCode, headers: response.headers, body: (await response.body.json()) as GraphQLResponse['body'] }, 'BAD_USER_INPUT', 'variablesDepth', 32);
  });

  it('32 levels pass; more than MAX_VARIABLES_VALUES (10000) values are refused', async () => {
    const ok = await post(`{"query":"{ __typename }","variables":{"x":${nested(31)}}}`);
    expect(ok.body).toEqual({ data: { __typename: 'Query' } });
    refused(await post(`{"query":"{ __typename }","variables":{"x":${nested(32)}}}`), 'BAD_USER_INPUT', 'variablesDepth', 32);
    refused(await post({ query: '{ __typename }', variables: { x: Array.from({ length: 10_000 }, () => 0) } }), 'BAD_USER_INPUT', 'variablesValues', 10_000);
  });
});
