import { describe, expect, it } from 'vitest';
import { FOREIGN_CUSTOMER_ID, SEED_000_CUSTOMER_ID, SEED_004_CUSTOMER_ID } from '../../src/simulator/constants.js';
import type { GraphQLResponse } from '../support/gateway.js';
import { useGateway } from '../support/shared-gateway.js';

const A = SEED_004_CUSTOMER_ID;
const B = SEED_000_CUSTOMER_ID;
const MISSING = '00000000-1111-4222-8333-444444444444';

// One call per fault and no breaker: this file is about how each answer is mapped (resilience.test.ts covers retries).
const gw = useGateway({ env: { MAX_CUSTOMER_IDS: '3', UPSTREAM_TIMEOUT_MS: '500', UPSTREAM_RETRIES: '0', UPSTREAM_BREAKER_MIN_CALLS: '1000000' } }, { clearFaults: true });

const profileQuery = (id: string) => `{ customer(id: "${id}") { id companyProfile { companyName } } }`;

function onlyError(response: GraphQLResponse) {
  expect(response.body.errors).toHaveLength(1);
  return response.body.errors![0]!;
}

describe('caller errors: no upstream call', () => {
  it.each([
    ['no Authorization header', {}],
    ['a Basic credential', { authorization: 'Basic dXNlcjpwdw==' }],
    ['Bearer with no token', { authorization: 'Bearer ' }],
    ['Bearer with a token holding spaces', { authorization: 'Bearer abc def' }],
  ])('%s is 401 UNAUTHENTICATED', async (_, headers) => {
    const response = await gw.query(profileQuery(A), undefined, { authorization: '', ...headers });
    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Bearer');
    expect(onlyError(response).extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(response.body.data).toBeUndefined();
    expect(gw.upstream()).toHaveLength(0);
  });

  it('introspection needs no token', async () => {
    const response = await gw.query('{ __schema { queryType { name } } }', undefined, { authorization: '' });
    expect(response.status).toBe(200);
    expect(response.body.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });

  it('an id that is not a GUID is BAD_USER_INPUT and nulls only that customer', async () => {
    const response = await gw.query(`{ bad: customer(id: "../../admin") { id } good: customer(id: "${A}") { id } }`);
    expect(response.status).toBe(200);
    expect(response.body.data).toEqual({ bad: null, good: { id: A } });
    expect(onlyError(response)).toMatchObject({ path: ['bad'], extensions: { code: 'BAD_USER_INPUT', argument: 'id' } });
    expect(gw.upstream()).toHaveLength(0);
  });

  it('more ids than MAX_CUSTOMER_IDS is BAD_USER_INPUT', async () => {
    const response = await gw.query(`{ customers(ids: ["${A}", "${A}", "${B}", "${B}"]) { id } }`);
    expect(onlyError(response).extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'ids', max: 3 });
    expect(response.body.data).toBeNull();
    expect(gw.upstream()).toHaveLength(0);
  });

  it('a bad enum value in a variable is BAD_USER_INPUT', async () => {
    const response = await gw.query(`query($c: PartnerCenterBillingCycle) { customer(id: "${A}") { orders(billingCycle: $c) { id } } }`, { c: 'WEEKLY' });
    expect(onlyError(response).extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(gw.upstream()).toHaveLength(0);
  });

  it('a bad enum literal fails validation with GRAPHQL_VALIDATION_FAILED', async () => {
    const response = await gw.query(`{ customer(id: "${A}") { orders(billingCycle: WEEKLY) { id } } }`);
    expect(onlyError(response).extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED' });
    expect(gw.upstream()).toHaveLength(0);
  });
});

describe('upstream errors: coded, with the upstream diagnosis, the rest of the response kept', () => {
  it('403 is FORBIDDEN and the customer is null', async () => {
    const response = await gw.query(`{ foreign: customer(id: "${FOREIGN_CUSTOMER_ID}") { id companyProfile { companyName } } mine: customer(id: "${A}") { id } }`);
    expect(response.body.data).toEqual({ foreign: null, mine: { id: A } });
    const error = onlyError(response);
    expect(error.path).toEqual(['foreign']);
    expect(error.extensions).toMatchObject({
      code: 'FORBIDDEN',
      upstream: { status: 403, code: '20002', description: 'No relationship between caller and account.' },
    });
  });

  it('404 is NOT_FOUND and the customer is null, also when only orders were asked for', async () => {
    for (const query of [profileQuery(MISSING), `{ customer(id: "${MISSING}") { id orders { id } } }`]) {
      gw.resetUpstream();
      const response = await gw.query(query);
      expect(response.body.data).toEqual({ customer: null });
      expect(onlyError(response)).toMatchObject({
        path: ['customer'],
        extensions: { code: 'NOT_FOUND', upstream: { status: 404, code: '60003', description: 'Tenant not found' } },
      });
      expect(gw.upstream()).toHaveLength(1);
    }
  });

  it('401 from upstream is UNAUTHENTICATED', async () => {
    gw.sim.inject({ match: { customerId: A }, fault: { kind: 'status', status: 401, shape: 'standard', code: 800001, description: 'Partner Token missing in request context' } });
    const response = await gw.query(profileQuery(A));
    expect(response.body.data).toEqual({ customer: null });
    expect(onlyError(response).extensions).toMatchObject({ code: 'UNAUTHENTICATED', upstream: { status: 401, code: '800001' } });
  });

  it('429 is THROTTLED with retryAfter from the Retry-After header (gateway body shape)', async () => {
    gw.sim.inject({ match: { customerId: A }, fault: { kind: 'status', status: 429, retryAfterSeconds: 57 } });
    const response = await gw.query(profileQuery(A));
    expect(response.body.data).toEqual({ customer: { id: A, companyProfile: null } });
    expect(onlyError(response)).toMatchObject({
      path: ['customer', 'companyProfile'],
      extensions: { code: 'THROTTLED', retryAfter: 57, upstream: { status: 429, description: 'Rate limit is exceeded. Try again in 57 seconds.' } },
    });
  });

  it.each([
    ['500 standard fault', { kind: 'status', status: 500, shape: 'standard', code: 800003, description: 'Unexpected service error' }, { status: 500, code: '800003', description: 'Unexpected service error' }],
    ['503 customer-service fault', { kind: 'status', status: 503, shape: 'customer-service', code: 600074, description: 'Busy' }, { status: 503, code: '600074', description: 'Busy' }],
    ['502 HTML from a proxy', { kind: 'raw', status: 502, body: '<html>Bad Gateway</html>', contentType: 'text/html' }, { status: 502 }],
    ['truncated JSON', { kind: 'malformed-json' }, { status: 200 }],
    ['HTML with status 200', { kind: 'content-type', contentType: 'text/html', body: '<html></html>' }, { status: 200 }],
    ['a connection reset', { kind: 'reset' }, { status: null }],
  ] as const)('%s is UPSTREAM_ERROR', async (_, fault, upstream) => {
    gw.sim.inject({ match: { customerId: A }, fault });
    const response = await gw.query(profileQuery(A));
    expect(response.status).toBe(200);
    expect(response.body.data).toEqual({ customer: { id: A, companyProfile: null } });
    const error = onlyError(response);
    expect(error.extensions).toMatchObject({ code: 'UPSTREAM_ERROR', upstream });
    expect(JSON.stringify(error)).not.toContain('<html>');
  });

  it('a hanging upstream is UPSTREAM_TIMEOUT after UPSTREAM_TIMEOUT_MS', async () => {
    gw.sim.inject({ match: { customerId: A }, fault: { kind: 'hang' } });
    const response = await gw.query(profileQuery(A));
    expect(response.body.data).toEqual({ customer: { id: A, companyProfile: null } });
    expect(onlyError(response).extensions).toMatchObject({ code: 'UPSTREAM_TIMEOUT', upstream: { status: null } });
  });

  it('every upstream error names the MS-RequestId of the failing call', async () => {
    gw.sim.inject({ match: { customerId: A }, fault: { kind: 'status', status: 500, shape: 'standard', code: 800003 } });
    const response = await gw.query(profileQuery(A));
    const requestId = (onlyError(response).extensions!.upstream as { requestId: string }).requestId;
    const sent = gw.upstream().map((c) => c.headers['ms-requestid']);
    expect(sent).toEqual([requestId]);
  });

  it('one failing customer does not blank out the others', async () => {
    gw.sim.inject({ match: { customerId: B }, fault: { kind: 'status', status: 500, shape: 'standard', code: 800003 } });
    const response = await gw.query(`{ customers(ids: ["${A}", "${MISSING}", "${B}"]) { id companyProfile { companyName } } }`);
    const customers = response.body.data!.customers as ({ id: string; companyProfile: unknown } | null)[];
    expect(customers[0]).toEqual({ id: A, companyProfile: { companyName: expect.any(String) } });
    expect(customers[1]).toBeNull();
    expect(customers[2]).toEqual({ id: B, companyProfile: null });
    expect(response.body.errors!.map((e) => [e.path, e.extensions!.code])).toEqual([
      [['customers', 1], 'NOT_FOUND'],
      [['customers', 2, 'companyProfile'], 'UPSTREAM_ERROR'],
    ]);
  });

  it('a failing order list leaves the profile, and a failing profile leaves the orders', async () => {
    gw.sim.inject({ match: { customerId: A, route: 'orders' }, fault: { kind: 'status', status: 503, shape: 'gateway' } });
    const response = await gw.query(`{ customer(id: "${A}") { companyProfile { domain } orders { id } } }`);
    expect(response.body.data).toEqual({ customer: { companyProfile: { domain: expect.any(String) }, orders: null } });
    expect(onlyError(response)).toMatchObject({ path: ['customer', 'orders'], extensions: { code: 'UPSTREAM_ERROR', upstream: { status: 503 } } });
  });
});
