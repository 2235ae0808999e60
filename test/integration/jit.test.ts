import { describe, expect, it } from 'vitest';
import { parse } from 'graphql';
import { eligible } from '../../src/plugins/performance/use-jit.js';
import { schema } from '../../src/schema/index.js';
import { QUIRKS_CUSTOMER_ID, SEED_000_CUSTOMER_ID, SEED_004_CUSTOMER_ID, SEED_004_ORDER_IDS } from '../../src/simulator/constants.js';
import { type TestGateway, withGateway } from '../support/gateway.js';
import { useGateway } from '../support/shared-gateway.js';

const MISSING = '00000000-1111-4222-8333-444444444444';
const CORRELATION = { 'ms-correlationid': '6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b' };

/** Documents graphql-jit runs (no abstract type, introspection or skip/include), with data and errors of every shape. */
const DOCUMENTS: [name: string, query: string, variables?: Record<string, unknown>][] = [
  ['canonical', `query C($id: ID!) { customer(id: $id) { id orders(billingCycle: MONTHLY) { id lineItems { offerId } } } }`, { id: SEED_004_CUSTOMER_ID }],
  [
    'fan-out with a missing and a malformed id (null items with coded errors)',
    `query F($ids: [ID!]!) { customers(ids: $ids) { id companyProfile { companyName domain } orders { id billingCycle creationDate status } } }`,
    { ids: [SEED_004_CUSTOMER_ID, MISSING, SEED_000_CUSTOMER_ID, '../x'] },
  ],
  [
    'aliases, fragments and nested lines',
    `query A { a: customer(id: "${SEED_004_CUSTOMER_ID}") { ...C } b: customer(id: "${QUIRKS_CUSTOMER_ID}") { ...C } }
     fragment C on Customer { id relationshipToPartner orders { id currencySymbol totalLines: lineItems { n: lineItemNumber offerId quantity friendlyName termDuration provisioningContext { key value } } } }`,
  ],
  [
    'an order by id, its provisioning status and a missing one',
    `query O($c: ID!, $o: ID!) { customer(id: $c) { order(id: $o) { id status provisioningStatus { lineItemNumber status } } missing: order(id: "nothere0order") { id } } }`,
    { c: SEED_004_CUSTOMER_ID, o: SEED_004_ORDER_IDS[0] },
  ],
  ['a missing customer (a root field error)', `{ customer(id: "${MISSING}") { id orders { id } } }`],
];

const js = useGateway({ env: { GRAPHQL_JIT_AFTER: '0' } });
const jit = useGateway({ env: { GRAPHQL_JIT_AFTER: '1' } });

describe('graphql-jit answers exactly what graphql-js answers', () => {
  it.each(DOCUMENTS)('%s', async (_, query, variables) => {
    js.resetUpstream();
    jit.resetUpstream();
    const compilations = (gw: TestGateway) => gw.logs.filter((line) => line.msg === 'graphql-jit compiled a document').length;
    const before = compilations(jit);
    const reference = await js.query(query, variables, CORRELATION);
    const compiled = await jit.query(query, variables, CORRELATION);
    // The same upstream calls: a result with errors recomputed by graphql-js repeats none of them.
    const calls = (gw: TestGateway) => gw.upstream().map((call) => call.path).sort();
    expect(calls(jit)).toEqual(calls(js));
    expect(compiled.status).toBe(reference.status);
    // MS-RequestId is new per upstream call; everything else must be equal.
    const withoutRequestIds = (body: unknown) => JSON.parse(JSON.stringify(body).replace(/"requestId":"[0-9a-f-]{36}"/g, '"requestId":"…"'));
    expect(withoutRequestIds(compiled.body)).toEqual(withoutRequestIds(reference.body));
    for (const error of compiled.body.errors ?? []) expect((error as { locations?: unknown[] }).locations?.length).toBeGreaterThan(0);
    // This document was compiled (once) on the graphql-jit side, and nothing ever is with GRAPHQL_JIT_AFTER=0.
    expect(compilations(jit) - before).toBe(1);
    expect(compilations(js)).toBe(0);
  });

  it('compiles each document once, and only from its GRAPHQL_JIT_AFTERth execution', async () => {
    await withGateway({ env: { GRAPHQL_JIT_AFTER: '2' } }, async (second) => {
      const compiled = () => second.logs.filter((line) => line.msg === 'graphql-jit compiled a document').length;
      const [, query, variables] = DOCUMENTS[0]!;
      await second.query(query, variables);
      expect(compiled()).toBe(0);
      await second.query(query, variables);
      await second.query(query, variables);
      expect(compiled()).toBe(1);
    });
  });
});

describe('the compiled documents', () => {
  it('keeps compiled documents within its byte budget: the least recently used one is compiled again when it comes back', async () => {
    // Each small document is counted at ~65 kB (its compiled code), so 32 MiB holds about 510 of them.
    const compiled = () => jit.logs.filter((line) => line.msg === 'graphql-jit compiled a document').length;
    const before = compiled();
    for (let i = 0; i < 600; i++) await jit.query(`{ lru${i}: __typename }`);
    expect(compiled() - before).toBe(600);
    await jit.query('{ lru599: __typename }'); // still compiled
    expect(compiled() - before).toBe(600);
    await jit.query('{ lru0: __typename }'); // evicted by the later ones
    expect(compiled() - before).toBe(601);
  });
});

describe('what graphql-jit is not given', () => {
  it.each([
    ['federation _entities (a union)', '{ _entities(representations: []) { ... on Customer { id } } }', false],
    ['introspection', '{ __schema { queryType { name } } }', false],
    ['@include', `{ customer(id: "${SEED_004_CUSTOMER_ID}") { id @include(if: true) } }`, false],
    ['@skip on a fragment spread', `{ customer(id: "${SEED_004_CUSTOMER_ID}") { ...F @skip(if: false) } } fragment F on Customer { id }`, false],
    ['a plain selection', `{ customer(id: "${SEED_004_CUSTOMER_ID}") { id orders { id } } }`, true],
  ])('%s', (_, query, expected) => {
    expect(eligible(schema, parse(query))).toBe(expected);
  });
});
