import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { BIG_CUSTOMER_ID, DEFAULT_PARTNER_ID, OTHER_PARTNER_ID, SEED_000_CUSTOMER_ID, SEED_004_CUSTOMER_ID } from '../../src/simulator/constants.js';
import { TOKEN, type GraphQLResponse, type TestGateway, withGateway } from '../support/gateway.js';
import { scrape } from '../support/prometheus.js';
import { eventually, gate as gateOn, logged } from '../support/waiting.js';

/** Upstream calls for `customerId` wait at a simulator gate until it opens (no timing involved). */
const gate = (gw: TestGateway, customerId: string, times: number) => gateOn(gw, { customerId }, times);

const A = SEED_004_CUSTOMER_ID;
const B = SEED_000_CUSTOMER_ID;
const MISSING = '00000000-1111-4222-8333-444444444444';
const PROFILE = `query Profile($id: ID!) { customer(id: $id) { companyProfile { companyName } } }`;
const JOINED = 'sharing an identical operation in flight';

// Upstream single-flight off wherever executions are counted: then every execution costs its own upstream
// call, and the simulator's call count is the number of executions.
const COUNT_EXECUTIONS = { UPSTREAM_SINGLE_FLIGHT: 'false' };

/** Resolves once n requests have joined an execution in flight (their debug line is written as they join). */
const joined = (gw: TestGateway, n: number) => logged(gw, JOINED, n);

/** POST /graphql with a raw body, optionally cancellable. */
async function post(gw: TestGateway, body: unknown, { authorization = TOKEN, signal }: { authorization?: string; signal?: AbortSignal } = {}): Promise<GraphQLResponse> {
  const response = await request(`${gw.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', authorization },
    body: JSON.stringify(body),
    ...(signal ? { signal } : {}),
  });
  return { status: response.statusCode, headers: response.headers, body: (await response.body.json()) as GraphQLResponse['body'] };
}

const requestLines = (gw: TestGateway) => gw.logs.filter((l) => l.msg === 'graphql request') as unknown as { correlationId: string; graphql: Record<string, unknown> }[];

describe('operation single-flight', () => {
  it('20 identical operations of one caller in flight at once share one execution; each keeps its own correlation id, log line and metrics', async () => {
    await withGateway({ env: COUNT_EXECUTIONS }, async (gw) => {
      const open = gate(gw, A, 1);
      const first = gw.query(PROFILE, { id: A });
      await gw.sim.waitForRequests(1);
      const rest = Array.from({ length: 19 }, () => gw.query(PROFILE, { id: A }));
      await joined(gw, 19);
      open();
      const responses = await Promise.all([first, ...rest]);

      const companyName = gw.sim.data.findCustomer(A)!.customer.companyProfile.companyName;
      for (const response of responses) expect(response.body).toEqual({ data: { customer: { companyProfile: { companyName } } } });
      expect(gw.upstream()).toHaveLength(1);
      const ids = responses.map((r) => r.headers['ms-correlationid'] as string);
      expect(new Set(ids).size).toBe(20);

      const lines = requestLines(gw);
      expect(lines).toHaveLength(20);
      const leader = lines.find((l) => l.correlationId === ids[0])!;
      expect(leader.graphql).toMatchObject({ operationName: 'Profile', upstreamCalls: 1, outcome: 'ok' });
      expect(leader.graphql.sharedWith).toBeUndefined();
      const followers = lines.filter((l) => l !== leader);
      expect(followers.map((l) => l.graphql.sharedWith)).toEqual(Array(19).fill(ids[0]));
      expect(followers.map((l) => [l.graphql.operationName, l.graphql.upstreamCalls, l.graphql.outcome])).toEqual(Array(19).fill(['Profile', 0, 'ok']));

      const metrics = await scrape(gw.url);
      expect(metrics.samples('graphql_operations_shared_total').map((s) => [s.labels, s.value])).toEqual([[{ execution: 'in_flight' }, 19]]);
      // One execution; twenty HTTP requests, each timed (the shared ones never parsed, so use-metrics times them).
      expect(metrics.samples('graphql_operations_total').map((s) => s.value)).toEqual([1]);
      const timed = metrics.samples('graphql_http_request_duration_seconds_count');
      expect(timed.map((s) => [s.labels, s.value])).toEqual([[{ operation_name: 'Profile', operation_type: 'query', status_code: '200' }, 20]]);
    });
  });

  it('a shared execution\'s result answers identical operations of the same caller that come just after it, for OPERATION_SINGLE_FLIGHT_LINGER_MS', async () => {
    await withGateway({ env: { ...COUNT_EXECUTIONS, OPERATION_SINGLE_FLIGHT_LINGER_MS: '60000' }, simulator: { tokens: { 'token-a': DEFAULT_PARTNER_ID, 'token-b': DEFAULT_PARTNER_ID } } }, async (gw) => {
      const asA = { authorization: 'Bearer token-a' };
      const open = gate(gw, A, 1);
      const burst = [post(gw, { query: PROFILE, variables: { id: A } }, asA)];
      await gw.sim.waitForRequests(1);
      burst.push(post(gw, { query: PROFILE, variables: { id: A } }, asA));
      await joined(gw, 1);
      open();
      const [leader] = await Promise.all(burst);
      // One after another, after the execution answered: none executes again.
      const after: GraphQLResponse[] = [];
      for (let i = 0; i < 3; i += 1) after.push(await post(gw, { query: PROFILE, variables: { id: A } }, asA));

      const companyName = gw.sim.data.findCustomer(A)!.customer.companyProfile.companyName;
      for (const response of after) expect(response.body).toEqual({ data: { customer: { companyProfile: { companyName } } } });
      expect(gw.upstream()).toHaveLength(1);
      const leaderId = leader!.headers['ms-correlationid'] as string;
      const afterIds = after.map((r) => r.headers['ms-correlationid'] as string);
      expect(new Set([leaderId, ...afterIds]).size).toBe(4);
      const lines = requestLines(gw).filter((l) => afterIds.includes(l.correlationId));
      expect(lines.map((l) => [l.graphql.operationName, l.graphql.upstreamCalls, l.graphql.sharedWith, l.graphql.sharedCompleted])).toEqual(
        Array(3).fill(['Profile', 0, leaderId, true]),
      );
      const shared = (await scrape(gw.url)).samples('graphql_operations_shared_total');
      expect(shared.map((s) => [s.labels, s.value])).toEqual([[{ execution: 'in_flight' }, 1], [{ execution: 'completed' }, 3]]);

      // Another caller (the same partner behind another token), other variables: each executes on its own.
      const asB = await post(gw, { query: PROFILE, variables: { id: A } }, { authorization: 'Bearer token-b' });
      const otherId = await post(gw, { query: PROFILE, variables: { id: B } }, asA);
      expect(asB.body).toEqual(after[0]!.body);
      expect(otherId.body.errors).toBeUndefined();
      expect(gw.upstream().map((c) => [c.headers.authorization, c.path])).toEqual([
        ['Bearer token-a', `/v1/customers/${A}`],
        ['Bearer token-b', `/v1/customers/${A}`],
        ['Bearer token-a', `/v1/customers/${B}`],
      ]);
    });
  });

  it('keeps no result that nobody shared, none with errors, none too large, and none with OPERATION_SINGLE_FLIGHT_LINGER_MS=0', async () => {
    const burstThenOne = async (gw: TestGateway, id: string, query = PROFILE) => {
      const open = gate(gw, id, 1);
      const burst = [gw.query(query, { id })];
      await gw.sim.waitForRequests(gw.upstream().length + 1);
      burst.push(gw.query(query, { id }));
      await joined(gw, gw.logs.filter((l) => l.msg === JOINED).length + 1);
      open();
      await Promise.all(burst);
      return gw.query(query, { id });
    };
    await withGateway({ env: { ...COUNT_EXECUTIONS, OPERATION_SINGLE_FLIGHT_LINGER_MS: '60000' } }, async (gw) => {
      await gw.query(PROFILE, { id: A });
      await gw.query(PROFILE, { id: A }); // the first was nobody's to share
      expect(gw.upstream()).toHaveLength(2);
      const failed = await burstThenOne(gw, MISSING); // a shared NOT_FOUND
      expect(failed.body.errors!.map((e) => e.extensions!.code)).toEqual(['NOT_FOUND']);
      expect(gw.upstream().map((c) => c.path)).toEqual([...Array(2).fill(`/v1/customers/${A}`), ...Array(2).fill(`/v1/customers/${MISSING}`)]);
      // 2,000 orders with their lines: more values than a kept result may hold (KEPT_VALUES).
      const big = await burstThenOne(gw, BIG_CUSTOMER_ID, `query($id: ID!) { customer(id: $id) { orders { id lineItems { offerId } } } }`);
      expect((big.body.data!.customer as { orders: unknown[] }).orders).toHaveLength(2000);
      expect(gw.upstream().slice(4).map((c) => c.path)).toEqual(Array(2).fill(`/v1/customers/${BIG_CUSTOMER_ID}/orders`));
    });
    await withGateway({ env: { ...COUNT_EXECUTIONS, OPERATION_SINGLE_FLIGHT_LINGER_MS: '0' } }, async (off) => {
      const next = await burstThenOne(off, A);
      expect(next.body.errors).toBeUndefined();
      expect(off.upstream()).toHaveLength(2);
      expect(requestLines(off).filter((l) => l.graphql.sharedCompleted)).toEqual([]);
    });
  });

  it('shares nothing between callers, variables or operation names', async () => {
    await withGateway({ env: COUNT_EXECUTIONS, simulator: { tokens: { 'token-a': DEFAULT_PARTNER_ID, 'token-b': OTHER_PARTNER_ID } } }, async (gw) => {
      const TWO = `query P1 { customer(id: "${A}") { companyProfile { companyName } } } query P2 { customer(id: "${A}") { companyProfile { companyName } } }`;
      const openA = gate(gw, A, 5);
      const openB = gate(gw, B, 1);
      const asA = { authorization: 'Bearer token-a' };
      const first = post(gw, { query: PROFILE, variables: { id: A } }, asA);
      await gw.sim.waitForRequests(1);
      const others = [
        post(gw, { query: PROFILE, variables: { id: A } }, { authorization: 'Bearer token-b' }), // another caller
        post(gw, { query: PROFILE, variables: { id: B } }, asA), // other variables
        post(gw, { query: TWO, operationName: 'P1' }, asA),
        post(gw, { query: TWO, operationName: 'P2' }, asA), // the same document, another operation
        post(gw, { query: PROFILE, variables: { id: A } }, asA), // the only one that shares
      ];
      await gw.sim.waitForRequests(5);
      await joined(gw, 1);
      openA();
      openB();
      const [a1, b, otherId, p1, p2, a2] = (await Promise.all([first, ...others])) as [GraphQLResponse, GraphQLResponse, GraphQLResponse, GraphQLResponse, GraphQLResponse, GraphQLResponse];

      expect(gw.upstream()).toHaveLength(5);
      expect(gw.upstream().filter((c) => c.headers.authorization === 'Bearer token-b')).toHaveLength(1);
      expect(a1.body.errors).toBeUndefined();
      expect(a2.body).toEqual(a1.body);
      expect(b.body.data).toEqual({ customer: null });
      expect(b.body.errors!.map((e) => e.extensions!.code)).toEqual(['FORBIDDEN']);
      expect(otherId.body.data).toEqual({ customer: { companyProfile: { companyName: gw.sim.data.findCustomer(B)!.customer.companyProfile.companyName } } });
      expect([p1.body, p2.body]).toEqual([a1.body, a1.body]);
      const shared = requestLines(gw).filter((l) => l.graphql.sharedWith !== undefined);
      expect(shared.map((l) => [l.correlationId, l.graphql.sharedWith])).toEqual([[a2.headers['ms-correlationid'], a1.headers['ms-correlationid']]]);
    });
  });

  it('a shared failure reaches every request, each error stamped with its own correlation id', async () => {
    await withGateway({ env: COUNT_EXECUTIONS }, async (gw) => {
      const open = gate(gw, MISSING, 1);
      const first = gw.query(PROFILE, { id: MISSING });
      await gw.sim.waitForRequests(1);
      const second = gw.query(PROFILE, { id: MISSING });
      await joined(gw, 1);
      open();
      const responses = await Promise.all([first, second]);

      expect(gw.upstream()).toHaveLength(1);
      for (const { headers, body } of responses) {
        expect(body.data).toEqual({ customer: null });
        expect(body.errors!.map((e) => [e.extensions!.code, e.extensions!.correlationId])).toEqual([['NOT_FOUND', headers['ms-correlationid']]]);
      }
      // The one upstream call's own id, the same in both: that is the call both answers came from.
      const upstreamIds = responses.map((r) => (r.body.errors![0]!.extensions!.upstream as { requestId: string }).requestId);
      expect(upstreamIds[0]).toEqual(gw.upstream()[0]!.headers['ms-requestid']);
      expect(upstreamIds[1]).toEqual(upstreamIds[0]);
    });
  });

  it('the first caller going away cancels nothing for the others', async () => {
    await withGateway({ env: COUNT_EXECUTIONS }, async (gw) => {
      const open = gate(gw, A, 1);
      const controller = new AbortController();
      const first = post(gw, { query: PROFILE, variables: { id: A } }, { signal: controller.signal }).catch((error: unknown) => error);
      await gw.sim.waitForRequests(1);
      const rest = [gw.query(PROFILE, { id: A }), gw.query(PROFILE, { id: A })];
      await joined(gw, 2);
      controller.abort();
      expect(await first).toBeInstanceOf(Error);
      open();
      const responses = await Promise.all(rest);

      const companyName = gw.sim.data.findCustomer(A)!.customer.companyProfile.companyName;
      for (const response of responses) expect(response.body).toEqual({ data: { customer: { companyProfile: { companyName } } } });
      expect(gw.upstream()).toHaveLength(1);
      expect(gw.sim.requests.filter((r) => r.path.startsWith('/v1/')).map((r) => r.status)).toEqual([200]);
    });
  });

  it('the shared execution keeps its deadline when the first caller, whose deadline it runs under, has gone', async () => {
    await withGateway({ env: { ...COUNT_EXECUTIONS, REQUEST_DEADLINE_MS: '1500', UPSTREAM_TIMEOUT_MS: '60000', UPSTREAM_RETRIES: '0' } }, async (gw) => {
      gate(gw, A, 1); // never opened: only the deadline ends the call
      const controller = new AbortController();
      const first = post(gw, { query: PROFILE, variables: { id: A } }, { signal: controller.signal }).catch((error: unknown) => error);
      await gw.sim.waitForRequests(1);
      const second = gw.query(PROFILE, { id: A });
      await joined(gw, 1);
      controller.abort();
      expect(await first).toBeInstanceOf(Error);
      const { body } = await second;
      expect(body.data).toEqual({ customer: { companyProfile: null } });
      expect(body.errors!.map((e) => e.extensions!.code)).toEqual(['UPSTREAM_TIMEOUT']);
    });
  }, 10_000);

  it('when every caller has gone, the shared upstream call is cancelled and the next request starts afresh', async () => {
    await withGateway({ env: COUNT_EXECUTIONS }, async (gw) => {
      gate(gw, A, 1); // never opened
      const controllers = [new AbortController(), new AbortController()];
      const first = post(gw, { query: PROFILE, variables: { id: A } }, { signal: controllers[0]!.signal }).catch((error: unknown) => error);
      await gw.sim.waitForRequests(1);
      const second = post(gw, { query: PROFILE, variables: { id: A } }, { signal: controllers[1]!.signal }).catch((error: unknown) => error);
      await joined(gw, 1);
      controllers[0]!.abort();
      expect(await first).toBeInstanceOf(Error);
      expect(gw.sim.inFlight).toBe(1); // one caller still waits
      controllers[1]!.abort();
      expect(await second).toBeInstanceOf(Error);
      await eventually(() => gw.sim.inFlight === 0, 'the shared upstream call to be cancelled');

      const again = await gw.query(PROFILE, { id: A });
      expect(again.body.errors).toBeUndefined();
      expect(gw.upstream()).toHaveLength(2);
    });
  });

  it('OPERATION_SINGLE_FLIGHT=false: each request executes on its own', async () => {
    await withGateway({ env: { ...COUNT_EXECUTIONS, OPERATION_SINGLE_FLIGHT: 'false' } }, async (gw) => {
      const open = gate(gw, A, 5);
      const pending = Array.from({ length: 5 }, () => gw.query(PROFILE, { id: A }));
      await gw.sim.waitForRequests(5);
      open();
      for (const response of await Promise.all(pending)) expect(response.body.errors).toBeUndefined();
      expect(gw.upstream()).toHaveLength(5);
      expect(gw.logs.filter((l) => l.msg === JOINED)).toEqual([]);
    });
  });
});
