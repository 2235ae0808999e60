import { describe, expect, it } from 'vitest';
import { FOREIGN_CUSTOMER_ID, SEED_000_CUSTOMER_ID, SEED_004_CUSTOMER_ID, SEED_004_ORDER_IDS } from '../../src/simulator/constants.js';
import { ENTITIES } from '../support/federation.js';
import { startGateway, type GraphQLResponse, type TestGateway } from '../support/gateway.js';
import { incrementalQuery } from '../support/incremental.js';
import { useGateway } from '../support/shared-gateway.js';
import { gate, logged } from '../support/waiting.js';

/**
 * A customer asked for by id is taken on trust; its fields' own loads tell whether it exists. A customer that
 * is not there is null with one error at its path, whatever its fields asked for, at no extra upstream call.
 */
const A = SEED_004_CUSTOMER_ID;
const B = SEED_000_CUSTOMER_ID;
const MISSING = '00000000-1111-4222-8333-444444444444';
const CORRELATION_ID = '6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b';
const NOT_FOUND = { message: 'Partner Center answered 404: Tenant not found', upstream: { status: 404, code: '60003', description: 'Tenant not found' }, code: 'NOT_FOUND' };
const FORBIDDEN = {
  message: 'Partner Center answered 403: No relationship between caller and account.',
  upstream: { status: 403, code: '20002', description: 'No relationship between caller and account.' },
  code: 'FORBIDDEN',
};

// One call per fault, no breaker: each failure below costs exactly the calls listed.
const gw = useGateway({ env: { UPSTREAM_RETRIES: '0', UPSTREAM_BREAKER_MIN_CALLS: '1000000' } }, { clearFaults: true });

const ask = (query: string, variables?: Record<string, unknown>, on: TestGateway = gw) => on.query(query, variables, { 'ms-correlationid': CORRELATION_ID });
const calls = (on: TestGateway = gw) => on.upstream().map((c) => c.path).sort();
/** The MS-RequestId the gateway sent on its call to `path`. */
const requestIdOf = (path: string) => gw.upstream().find((c) => c.path === path)!.headers['ms-requestid'];

/** The column of `text` in a one-line document. */
const columnOf = (query: string, text: string) => query.indexOf(text) + 1;

/** The one error an absent customer answers with, exactly. */
function absence(path: (string | number)[], column: number, answer: typeof NOT_FOUND, requestId: unknown = expect.any(String)) {
  return {
    message: answer.message,
    locations: [{ line: 1, column }],
    path,
    extensions: { code: answer.code, upstream: { ...answer.upstream, requestId }, correlationId: CORRELATION_ID },
  };
}

const JOINED = 'sharing an identical operation in flight';
const byPath = (errors: GraphQLResponse['body']['errors'] = []) => [...errors].sort((a, b) => JSON.stringify(a.path).localeCompare(JSON.stringify(b.path)));

describe('customer(id:) of a customer that does not exist', () => {
  it.each([
    ['only orders', '{ orders { id } }', ['/orders']],
    ['only subscriptions', '{ subscriptions { id } }', ['/subscriptions']],
    ['only a profile field', '{ relationshipToPartner }', ['']],
    ['every profile field', '{ commerceId companyProfile { domain } billingProfile { id } relationshipToPartner allowDelegatedAccess customDomains associatedPartnerId }', ['']],
    ['orders of several cycles, priced and not', '{ a: orders(billingCycle: MONTHLY) { id } b: orders(billingCycle: ANNUAL) { id } c: orders { id totalPrice { amount } } }', ['/orders']],
    ['orders, subscriptions and the profile', '{ subscriptions { id } orders { id } companyProfile { companyName } }', ['', '/orders', '/subscriptions']],
    ['orders and an order by id', `{ orders { id } order(id: "${SEED_004_ORDER_IDS[0]}") { id } }`, ['/orders']],
  ])('with %s is null with one NOT_FOUND at its path, from the calls its fields make', async (_, selection, routes) => {
    const { body } = await ask(`{ customer(id: "${MISSING}") ${selection} }`);
    expect(body).toEqual({ data: { customer: null }, errors: [absence(['customer'], 3, NOT_FOUND)] });
    expect(calls()).toEqual(routes.map((route) => `/v1/customers/${MISSING}${route}`));
  });

  it('reports the failure of its first field in the document, whichever call answered first', async () => {
    const { body } = await ask(`{ customer(id: "${MISSING}") { id subscriptions { id } relationshipToPartner orders { id } } }`);
    expect(body.errors).toEqual([absence(['customer'], 3, NOT_FOUND, requestIdOf(`/v1/customers/${MISSING}/subscriptions`))]);
  });

  it('a 500 on one of its fields is dropped with the rest of it: the customer is null with NOT_FOUND alone', async () => {
    gw.sim.inject({ match: { customerId: MISSING, route: 'subscriptions' }, fault: { kind: 'status', status: 500, shape: 'standard', code: 800003 } });
    const { body } = await ask(`{ customer(id: "${MISSING}") { id companyProfile { companyName } subscriptions { id } } }`);
    expect(body).toEqual({ data: { customer: null }, errors: [absence(['customer'], 3, NOT_FOUND, requestIdOf(`/v1/customers/${MISSING}`))] });
    expect(calls()).toEqual([`/v1/customers/${MISSING}`, `/v1/customers/${MISSING}/subscriptions`]);
  });

  it('beside a customer whose order list fails: that one keeps its profile, with the error on its orders', async () => {
    gw.sim.inject({ match: { customerId: A, route: 'orders' }, fault: { kind: 'status', status: 500, shape: 'standard', code: 800003 } });
    const query = `{ mine: customer(id: "${A}") { id companyProfile { companyName } orders { id } } gone: customer(id: "${MISSING}") { id companyProfile { companyName } orders { id } } }`;
    const { body } = await ask(query);
    expect(body.data).toEqual({ mine: { id: A, companyProfile: { companyName: gw.sim.data.findCustomer(A)!.customer.companyProfile.companyName }, orders: null }, gone: null });
    expect(byPath(body.errors)).toEqual([
      absence(['gone'], columnOf(query, 'gone:'), NOT_FOUND, requestIdOf(`/v1/customers/${MISSING}`)),
      {
        message: 'Partner Center answered 500: Unexpected service error',
        locations: [{ line: 1, column: columnOf(query, 'orders') }],
        path: ['mine', 'orders'],
        extensions: { code: 'UPSTREAM_ERROR', upstream: { status: 500, code: '800003', description: 'Unexpected service error', requestId: requestIdOf(`/v1/customers/${A}/orders`) }, correlationId: CORRELATION_ID },
      },
    ]);
    expect(calls()).toEqual([`/v1/customers/${A}`, `/v1/customers/${A}/orders`, `/v1/customers/${MISSING}`, `/v1/customers/${MISSING}/orders`].sort());
  });

  it('with only its id costs nothing and answers the id, as nothing asked Partner Center', async () => {
    const { body } = await ask(`{ customer(id: "${MISSING}") { id } }`);
    expect(body).toEqual({ data: { customer: { id: MISSING } } });
    expect(calls()).toEqual([]);
  });

  it('with only an order by id keeps the error on that order, whose 404 says the order is missing', async () => {
    const order = SEED_004_ORDER_IDS[0]!;
    const query = `{ customer(id: "${MISSING}") { id order(id: "${order}") { id } } }`;
    const { body } = await ask(query);
    expect(body).toEqual({
      data: { customer: { id: MISSING, order: null } },
      errors: [{ ...absence(['customer', 'order'], columnOf(query, 'order('), NOT_FOUND, requestIdOf(`/v1/customers/${MISSING}/orders/${order}`)) }],
    });
  });
});

describe('a customer that is not the partner\'s', () => {
  it('is null with FORBIDDEN, from its order and subscription lists alone', async () => {
    const { body } = await ask(`{ customer(id: "${FOREIGN_CUSTOMER_ID}") { id orders { id } subscriptions { id } } }`);
    expect(body).toEqual({ data: { customer: null }, errors: [absence(['customer'], 3, FORBIDDEN, requestIdOf(`/v1/customers/${FOREIGN_CUSTOMER_ID}/orders`))] });
    expect(calls()).toEqual([`/v1/customers/${FOREIGN_CUSTOMER_ID}/orders`, `/v1/customers/${FOREIGN_CUSTOMER_ID}/subscriptions`]);
  });
});

describe('customers(ids:) and _entities', () => {
  it('customers(ids:): each missing entry is null with its own error, duplicates from one call', async () => {
    const { body } = await ask(`{ customers(ids: ["${A}", "${MISSING}", "${B}", "${MISSING}"]) { id orders { id } } }`);
    const customers = body.data!.customers as ({ id: string } | null)[];
    expect(customers.map((c) => c?.id ?? null)).toEqual([A, null, B, null]);
    expect(byPath(body.errors)).toEqual([absence(['customers', 1], 3, NOT_FOUND), absence(['customers', 3], 3, NOT_FOUND)]);
    expect(calls()).toEqual([`/v1/customers/${A}/orders`, `/v1/customers/${MISSING}/orders`, `/v1/customers/${B}/orders`].sort());
  });

  it('_entities: a present and a missing customer, one call each', async () => {
    const { body } = await ask(ENTITIES, { representations: [{ __typename: 'Customer', id: A }, { __typename: 'Customer', id: MISSING }] });
    expect(body).toEqual({
      data: { _entities: [{ __typename: 'Customer', id: A, companyProfile: { companyName: gw.sim.data.findCustomer(A)!.customer.companyProfile.companyName } }, null] },
      errors: [absence(['_entities', 1], 37, NOT_FOUND, requestIdOf(`/v1/customers/${MISSING}`))],
    });
    expect(calls()).toEqual([`/v1/customers/${MISSING}`, `/v1/customers/${A}`].sort());
  });

  it('_entities with only orders selected: the order list tells', async () => {
    const query = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { id orders { id } } } }';
    const { body } = await ask(query, { r: [{ __typename: 'Customer', id: MISSING }, { __typename: 'Customer', id: FOREIGN_CUSTOMER_ID }] });
    expect(body).toEqual({ data: { _entities: [null, null] }, errors: [absence(['_entities', 0], 23, NOT_FOUND), absence(['_entities', 1], 23, FORBIDDEN)] });
    expect(calls()).toEqual([`/v1/customers/${FOREIGN_CUSTOMER_ID}/orders`, `/v1/customers/${MISSING}/orders`].sort());
  });
});

describe('every executor', () => {
  it('the same document 12 times, compiled by graphql-jit from the 10th: the same answer and calls each time', async () => {
    const jit = await startGateway({ env: { GRAPHQL_JIT_AFTER: '10', UPSTREAM_RETRIES: '0' } });
    try {
      const mine = `mine: customer(id: "${A}") { id orders(billingCycle: MONTHLY) { id } }`;
      const query = `{ gone: customer(id: "${MISSING}") { id relationshipToPartner orders { id } subscriptions { id } } ${mine} }`;
      const alone = await ask(`{ ${mine} }`, undefined, jit);
      expect(alone.body.errors).toBeUndefined();
      const answers: unknown[] = [];
      for (let run = 0; run < 12; run++) {
        jit.resetUpstream();
        const { body } = await ask(query, undefined, jit);
        answers.push(JSON.parse(JSON.stringify(body).replace(/"requestId":"[0-9a-f-]{36}"/g, '"requestId":"…"')));
        expect(calls(jit)).toEqual([`/v1/customers/${A}/orders`, `/v1/customers/${MISSING}`, `/v1/customers/${MISSING}/orders`, `/v1/customers/${MISSING}/subscriptions`].sort());
      }
      expect(jit.logs.filter((line) => line.msg === 'graphql-jit compiled a document')).toHaveLength(1);
      expect(answers[0]).toEqual({ data: { gone: null, mine: alone.body.data!.mine }, errors: [absence(['gone'], 3, NOT_FOUND, '…')] });
      for (const answer of answers) expect(answer).toEqual(answers[0]);
    } finally {
      await jit.close();
    }
  });

  it('operation single-flight: requests sharing one execution each get the customer null with its one error', async () => {
    const open = gate(gw, { customerId: MISSING }, 1);
    const query = `{ customer(id: "${MISSING}") { id orders { id } } }`;
    const joinedBefore = gw.logs.filter((l) => l.msg === JOINED).length;
    const first = ask(query);
    await gw.sim.waitForRequests(gw.upstream().length + 1);
    const second = ask(query);
    await logged(gw, JOINED, joinedBefore + 1);
    open();
    for (const { body } of await Promise.all([first, second])) {
      expect(body).toEqual({ data: { customer: null }, errors: [absence(['customer'], 3, NOT_FOUND)] });
    }
    expect(calls()).toEqual([`/v1/customers/${MISSING}/orders`]);
  });

  it('@defer: the customer was sent with the first payload, so a deferred field keeps its own error', async () => {
    const query = `{ customer(id: "${MISSING}") { id ... @defer { orders { id } } } }`;
    const { payloads } = await incrementalQuery(gw, query, 'multipart/mixed', { 'ms-correlationid': CORRELATION_ID });
    expect(payloads[0]).toEqual({ data: { customer: { id: MISSING } }, hasNext: true });
    expect(payloads.slice(1).flatMap((p) => p.incremental ?? [])).toEqual([
      { data: { orders: null }, path: ['customer'], errors: [absence(['customer', 'orders'], columnOf(query, 'orders'), NOT_FOUND, requestIdOf(`/v1/customers/${MISSING}/orders`))] },
    ]);
    expect(calls()).toEqual([`/v1/customers/${MISSING}/orders`]);
  });
});
