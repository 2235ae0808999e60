// Apollo Client 3 has no package exports map: Node's ESM resolver needs the explicit index.js paths.
import { ApolloClient, HttpLink, InMemoryCache, gql as apolloGql } from '@apollo/client/core/index.js';
import { Client, CombinedError, fetchExchange, gql } from '@urql/core';
import { persistedExchange } from '@urql/exchange-persisted';
import { GraphQLClient } from 'graphql-request';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { CSRF_HEADERS } from '../../src/plugins/security/use-security.js';
import { SEED_004_CUSTOMER_ID, SEED_004_ORDER_IDS } from '../../src/simulator/constants.js';
import { TOKEN } from '../support/gateway.js';
import { useGateway } from '../support/shared-gateway.js';

const A = SEED_004_CUSTOMER_ID;
const QUERY = `query CustomerOrders($id: ID!) { customer(id: $id) { id orders(billingCycle: ONE_TIME) { id lineItems { offerId } } } }`;
const DATA = {
  customer: {
    id: A,
    orders: [
      { id: SEED_004_ORDER_IDS[0], lineItems: [{ offerId: 'DZH318Z0BQ4B:000Z:DZH318Z0DSPL' }] },
      { id: SEED_004_ORDER_IDS[1], lineItems: [{ offerId: 'DZH318Z0BQ4Z:002P:DZH318Z0CL2D' }] },
    ],
  },
};
/** The one Partner Center call the query costs. */
const CALLS = [[`/v1/customers/${A}/orders`, { billingType: 'OneTime' }]];
const CSRF_MESSAGE = 'This request could come from another site. Add the header "x-graphql-csrf: 1" (or apollo-require-preflight, x-apollo-operation-name, x-graphql-yoga-csrf) to GET and simple POST requests.';

/** The headers a browser would have to ask a preflight for: all but the CORS-safelisted ones. */
const SAFELISTED = new Set(['accept', 'accept-language', 'content-language']);

interface Sent {
  method: string;
  /** Whether the request carried the query text, and the persisted-query hash it carried. */
  query: boolean;
  hash: string | undefined;
  status: number;
  codes: unknown[];
  messages: string[];
}

/** A fetch that records what each client sends: method, query or hash, status, error codes and header names. */
function recorder() {
  const sent: Sent[] = [];
  const headerNames = new Set<string>();
  const accepts: (string | null)[] = [];
  const fetchFn: typeof fetch = async (input, init) => {
    accepts.push(new Headers(init?.headers).get('accept'));
    const url = new URL(String(input instanceof Request ? input.url : input));
    const method = init?.method ?? 'GET';
    new Headers(init?.headers).forEach((_value, name) => headerNames.add(name));
    const params = method === 'GET'
      ? { query: url.searchParams.get('query') ?? undefined, extensions: JSON.parse(url.searchParams.get('extensions') ?? '{}') as Record<string, { sha256Hash?: string }> }
      : (JSON.parse(String(init?.body)) as { query?: string; extensions?: Record<string, { sha256Hash?: string }> });
    const response = await fetch(input, init);
    // Incremental responses (multipart/mixed) are read by the client alone.
    const json = response.headers.get('content-type')?.includes('json');
    const body = (json ? await response.clone().json() : {}) as { errors?: { message: string; extensions?: { code?: unknown } }[] };
    sent.push({
      method,
      query: typeof params.query === 'string',
      hash: params.extensions?.persistedQuery?.sha256Hash,
      status: response.status,
      codes: (body.errors ?? []).map((e) => e.extensions?.code),
      messages: (body.errors ?? []).map((e) => e.message),
    });
    return response;
  };
  return { sent, headerNames, accepts, fetchFn };
}

const gw = useGateway({ env: { CORS_ORIGINS: 'https://app.example.com' } });
/** Every header name any client sent, for the CORS preflight below. */
const clientHeaders = new Set<string>();

function urqlClient(headers: Record<string, string>) {
  const { sent, headerNames, fetchFn } = recorder();
  // As shipped: the persisted exchange sends hashed queries with GET (preferGetForPersistedQueries "within-url-limit").
  const client = new Client({ url: `${gw.url}/graphql`, exchanges: [persistedExchange(), fetchExchange], fetch: fetchFn, fetchOptions: { headers }, requestPolicy: 'network-only' });
  return { client, sent, headerNames };
}

describe('urql with its persisted-queries exchange', () => {
  it('without the CSRF header its hashed GET is refused with 403, and the message names the header to add', async () => {
    const { client, sent } = urqlClient({ authorization: TOKEN });
    const result = await client.query(gql(QUERY), { id: A }).toPromise();
    expect(result.data).toBeUndefined();
    expect(result.error).toBeInstanceOf(CombinedError);
    expect(result.error!.graphQLErrors.map((e) => [e.message, e.extensions.code])).toEqual([[CSRF_MESSAGE, 'BAD_REQUEST']]);
    expect(sent).toEqual([{ method: 'GET', query: false, hash: expect.any(String), status: 403, codes: ['BAD_REQUEST'], messages: [CSRF_MESSAGE] }]);
    expect(gw.upstream()).toEqual([]);
  });

  it('a hash-only GET with a cookie still needs the header: it would run an operation with the cookie', async () => {
    const extensions = JSON.stringify({ persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } });
    const url = `${gw.url}/graphql?extensions=${encodeURIComponent(extensions)}`;
    const refused = await request(url, { headers: { accept: 'application/json', cookie: 'session=abc' } });
    const body = (await refused.body.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect([refused.statusCode, body.errors.map((e) => [e.message, e.extensions.code])]).toEqual([403, [[CSRF_MESSAGE, 'BAD_REQUEST']]]);
    const allowed = await request(url, { headers: { accept: 'application/json', cookie: 'session=abc', 'x-graphql-csrf': '1' } });
    const answer = (await allowed.body.json()) as { errors: { extensions: { code: string } }[] };
    expect([allowed.statusCode, answer.errors.map((e) => e.extensions.code)]).toEqual([404, ['PERSISTED_QUERY_NOT_FOUND']]);
  });

  it('with "x-graphql-csrf: 1": hash, then the text once, then any client sends only the hash, all by GET', async () => {
    const first = urqlClient({ authorization: TOKEN, 'x-graphql-csrf': '1' });
    const result = await first.client.query(gql(QUERY), { id: A }).toPromise();
    expect(result.error).toBeUndefined();
    expect(result.data).toEqual(DATA);
    const hash = first.sent[0]!.hash!;
    expect(first.sent).toEqual([
      { method: 'GET', query: false, hash, status: 404, codes: ['PERSISTED_QUERY_NOT_FOUND'], messages: ['PersistedQueryNotFound'] },
      { method: 'GET', query: true, hash, status: 200, codes: [], messages: [] },
    ]);
    expect(gw.upstream().map((c) => [c.path, c.query])).toEqual(CALLS);

    gw.resetUpstream();
    const second = urqlClient({ authorization: TOKEN, 'x-graphql-csrf': '1' });
    expect((await second.client.query(gql(QUERY), { id: A }).toPromise()).data).toEqual(DATA);
    expect(second.sent).toEqual([{ method: 'GET', query: false, hash, status: 200, codes: [], messages: [] }]);
    expect(gw.upstream().map((c) => [c.path, c.query])).toEqual(CALLS);
    for (const name of second.headerNames) clientHeaders.add(name);
  });
});

describe('graphql-request', () => {
  it('POSTs JSON, which needs no CSRF header, and gets the data', async () => {
    const { sent, headerNames, fetchFn } = recorder();
    const client = new GraphQLClient(`${gw.url}/graphql`, { headers: { authorization: TOKEN }, fetch: fetchFn });
    expect(await client.request(QUERY, { id: A })).toEqual(DATA);
    expect(sent).toEqual([{ method: 'POST', query: true, hash: undefined, status: 200, codes: [], messages: [] }]);
    expect(gw.upstream().map((c) => [c.path, c.query])).toEqual(CALLS);
    for (const name of headerNames) clientHeaders.add(name);
  });

  it('a coded error reaches the caller with its code', async () => {
    const { fetchFn } = recorder();
    const client = new GraphQLClient(`${gw.url}/graphql`, { headers: { authorization: TOKEN }, fetch: fetchFn });
    const failure = (await client.request(QUERY, { id: 'not-a-guid' }).catch((error: unknown) => error)) as { response: { errors: { extensions: { code: string } }[] } };
    expect(failure.response.errors.map((e) => e.extensions.code)).toEqual(['BAD_USER_INPUT']);
    expect(gw.upstream()).toEqual([]);
  });
});

describe('Apollo Client that names itself', () => {
  it('sends apollographql-client-name/-version with its POST and gets the data', async () => {
    const { sent, headerNames, fetchFn } = recorder();
    const client = new ApolloClient({
      link: new HttpLink({ uri: `${gw.url}/graphql`, fetch: fetchFn, headers: { authorization: TOKEN } }),
      cache: new InMemoryCache(),
      clientAwareness: { name: 'partner-portal', version: '1.4.0' },
    });
    const result = await client.query({ query: apolloGql(QUERY), variables: { id: A } });
    // Apollo Client adds __typename to every selection for its cache.
    expect(JSON.parse(JSON.stringify(result.data, (key, value: unknown) => (key === '__typename' ? undefined : value)))).toEqual(DATA);
    expect(sent).toEqual([{ method: 'POST', query: true, hash: undefined, status: 200, codes: [], messages: [] }]);
    expect(headerNames).toContain('apollographql-client-name');
    expect(headerNames).toContain('apollographql-client-version');
    expect(gw.upstream().map((c) => [c.path, c.query])).toEqual(CALLS);
    for (const name of headerNames) clientHeaders.add(name);
  });
});

describe('incremental delivery from the clients', () => {
  it('Apollo Client asks for @defer as multipart/mixed and merges the deferred provisioning status', async () => {
    const { sent, accepts, fetchFn } = recorder();
    const client = new ApolloClient({ link: new HttpLink({ uri: `${gw.url}/graphql`, fetch: fetchFn, headers: { authorization: TOKEN } }), cache: new InMemoryCache() });
    const query = apolloGql(`query Provisioning($id: ID!) { customer(id: $id) { id orders(billingCycle: ONE_TIME) { id ... @defer { provisioningStatus { status } } } } }`);
    const results: unknown[] = [];
    await new Promise<void>((resolve, reject) => {
      const subscription = client.watchQuery({ query, variables: { id: A } }).subscribe({
        next: (result) => {
          results.push(JSON.parse(JSON.stringify(result.data, (key, value: unknown) => (key === '__typename' ? undefined : value))));
          if (!result.loading && JSON.stringify(result.data).includes('provisioningStatus')) {
            subscription.unsubscribe();
            resolve();
          }
        },
        error: reject,
      });
    });
    const orders = (id: string, status?: string) => ({ id, ...(status ? { provisioningStatus: [{ status }] } : {}) });
    expect(results.at(0)).toEqual({ customer: { id: A, orders: [orders(SEED_004_ORDER_IDS[0]), orders(SEED_004_ORDER_IDS[1])] } });
    expect(results.at(-1)).toEqual({ customer: { id: A, orders: [orders(SEED_004_ORDER_IDS[0], 'PREFULFILLMENT_PENDING'), orders(SEED_004_ORDER_IDS[1], 'PREFULFILLMENT_PENDING')] } });
    expect(sent.map((r) => [r.method, r.status])).toEqual([['POST', 200]]);
    expect(accepts).toEqual(['multipart/mixed;deferSpec=20220824,application/json']);
    expect(gw.upstream().map((c) => c.path).sort()).toEqual(
      [`/v1/customers/${A}/orders`, ...SEED_004_ORDER_IDS.map((id) => `/v1/customers/${A}/orders/${id}/provisioningstatus`)].sort(),
    );
  });
});

describe('CORS for a configured origin', () => {
  const ORIGIN = 'https://app.example.com';
  const ALLOWED = ['accept', 'authorization', 'content-type', 'ms-correlationid', 'traceparent', 'tracestate', 'apollographql-client-name', 'apollographql-client-version', ...CSRF_HEADERS];

  it('a preflight for every header the three clients sent (and trace context) is allowed, with the exact allow-list', async () => {
    const asked = [...new Set([...clientHeaders, 'traceparent', 'tracestate', 'ms-correlationid'])].filter((name) => !SAFELISTED.has(name)).sort();
    // What the clients above sent, so a client that starts sending a new header fails here first.
    expect(asked).toEqual(['apollographql-client-name', 'apollographql-client-version', 'authorization', 'content-type', 'ms-correlationid', 'traceparent', 'tracestate', 'x-graphql-csrf']);
    for (const method of ['POST', 'GET']) {
      const preflight = await request(`${gw.url}/graphql`, {
        method: 'OPTIONS',
        headers: { origin: ORIGIN, 'access-control-request-method': method, 'access-control-request-headers': asked.join(',') },
      });
      await preflight.body.dump();
      expect(preflight.statusCode).toBe(204);
      expect(preflight.headers['access-control-allow-origin']).toBe(ORIGIN);
      expect(String(preflight.headers['access-control-allow-headers']).split(',').map((h) => h.trim())).toEqual(ALLOWED);
      expect(preflight.headers['access-control-allow-credentials']).toBeUndefined();
    }
  });

  it('a cross-origin response exposes MS-CorrelationId; another origin is never named', async () => {
    const response = await request(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { origin: ORIGIN, 'content-type': 'application/json', authorization: TOKEN },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    await response.body.dump();
    expect(response.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(response.headers['access-control-expose-headers']).toBe('MS-CorrelationId, Content-Disposition');
    const other = await request(`${gw.url}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example.com', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' },
    });
    await other.body.dump();
    // Only the configured origin is ever named, which a page on another origin does not match: the browser refuses.
    expect(other.headers['access-control-allow-origin']).toBe(ORIGIN);
  });
});
