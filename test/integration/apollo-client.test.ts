import { createHash } from 'node:crypto';
// Apollo Client 3 has no package exports map: Node's ESM resolver needs the explicit index.js paths.
import { ApolloClient, ApolloError, HttpLink, InMemoryCache, gql, type NormalizedCacheObject } from '@apollo/client/core/index.js';
import { createPersistedQueryLink } from '@apollo/client/link/persisted-queries/index.js';
import { describe, expect, it } from 'vitest';
import { TOKEN } from '../support/gateway.js';
import { useGateway } from '../support/shared-gateway.js';

const CUSTOMER_ID = 'b0d70a69-4c42-4b27-b17b-91a835d8686a';
const ORDERS = gql`
  query CustomerOrders($id: ID!) {
    customer(id: $id) {
      id
      orders(billingCycle: ONE_TIME) {
        id
        lineItems {
          offerId
        }
      }
    }
  }
`;

const gw = useGateway();

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

interface SentRequest {
  /** The query text, when the client sent it (APQ sends it only when the server asks). */
  query: string | undefined;
  hash: string | undefined;
  status: number;
  codes: unknown[];
}

/** An Apollo Client as a web frontend builds it, with a fetch that records every HTTP request it makes. */
function createClient(options: { tamperHash?: boolean } = {}) {
  const sent: SentRequest[] = [];
  const recordingFetch: typeof fetch = async (input, init) => {
    const body = JSON.parse(String(init?.body)) as { query?: string; extensions?: { persistedQuery?: { sha256Hash?: string } } };
    const response = await fetch(input, init);
    const result = (await response.clone().json()) as { errors?: { extensions?: { code?: unknown } }[] };
    sent.push({
      query: body.query,
      hash: body.extensions?.persistedQuery?.sha256Hash,
      status: response.status,
      codes: (result.errors ?? []).map((error) => error.extensions?.code),
    });
    return response;
  };
  const hash = options.tamperHash ? (text: string) => sha256(`${text} `) : sha256;
  const link = createPersistedQueryLink({ sha256: hash }).concat(
    new HttpLink({ uri: `${gw.url}/graphql`, fetch: recordingFetch, headers: { authorization: TOKEN } }),
  );
  const client: ApolloClient<NormalizedCacheObject> = new ApolloClient({ link, cache: new InMemoryCache() });
  return { client, sent };
}

const EXPECTED_DATA = {
  customer: {
    __typename: 'Customer',
    id: CUSTOMER_ID,
    orders: [
      {
        __typename: 'Order',
        id: '9qg-ErcO-4MPbPqq_3MIQaS7bn8W6HfG1',
        lineItems: [{ __typename: 'PartnerCenterOrderLineItem', offerId: 'DZH318Z0BQ4B:000Z:DZH318Z0DSPL' }],
      },
      {
        __typename: 'Order',
        id: 's-BZlr_TeGksPNT61SsWRL-sqMaKbyVa1',
        lineItems: [{ __typename: 'PartnerCenterOrderLineItem', offerId: 'DZH318Z0BQ4Z:002P:DZH318Z0CL2D' }],
      },
    ],
  },
};

describe('Apollo Client with automatic persisted queries', () => {
  it('registers a query once; then any client sends only its hash', async () => {
    const first = createClient();
    gw.resetUpstream();
    const firstResult = await first.client.query({ query: ORDERS, variables: { id: CUSTOMER_ID } });
    expect(firstResult.data).toEqual(EXPECTED_DATA);
    // Hash only, told PERSISTED_QUERY_NOT_FOUND, then the text with the same hash.
    const [probe, register] = first.sent;
    expect(first.sent).toHaveLength(2);
    expect(probe).toEqual({ query: undefined, hash: register!.hash, status: 404, codes: ['PERSISTED_QUERY_NOT_FOUND'] });
    expect(register).toEqual({ query: expect.stringContaining('query CustomerOrders'), hash: sha256(register!.query!), status: 200, codes: [] });
    // The probe never reached execution: one call, the filtered order list.
    expect(gw.upstream().map((call) => [call.path, call.query])).toEqual([
      [`/v1/customers/${CUSTOMER_ID}/orders`, { billingType: 'OneTime' }],
    ]);

    const second = createClient();
    gw.resetUpstream();
    const secondResult = await second.client.query({ query: ORDERS, variables: { id: CUSTOMER_ID } });
    expect(secondResult.data).toEqual(EXPECTED_DATA);
    expect(second.sent).toEqual([{ query: undefined, hash: register!.hash, status: 200, codes: [] }]);
    expect(gw.upstream()).toHaveLength(1);
  });

  it('refuses a text that does not hash to its id with PERSISTED_QUERY_MISMATCH, before any upstream call', async () => {
    const tampered = createClient({ tamperHash: true });
    gw.resetUpstream();
    const failure = await tampered.client.query({ query: ORDERS, variables: { id: CUSTOMER_ID } }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(ApolloError);
    expect(tampered.sent.map(({ query, status, codes }) => [query !== undefined, status, codes])).toEqual([
      [false, 404, ['PERSISTED_QUERY_NOT_FOUND']],
      [true, 400, ['PERSISTED_QUERY_MISMATCH']],
    ]);
    expect(gw.upstream()).toEqual([]);
  });
});
