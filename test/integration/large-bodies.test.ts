import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIG_CUSTOMER_ID, BIG_CUSTOMER_ORDER_COUNT } from '../../src/simulator/constants.js';
import { dataOf } from '../support/data-of.js';
import { startGateway, TOKEN, type GraphQLResponse, type TestGateway } from '../support/gateway.js';
import { scrape } from '../support/prometheus.js';
import { useGateway } from '../support/shared-gateway.js';
import { eventually, gate } from '../support/waiting.js';

interface UpstreamOrder {
  id: string;
  currencySymbol?: string;
  lineItems: { offerId: string }[];
}

const gw = useGateway();

describe('a 2,000-order upstream page (2.6 MB, parsed in turns of its own)', () => {
  it('is served whole from one upstream call, every multi-byte character intact across chunk boundaries', async () => {
    // What Partner Center sends, read here in one piece for comparison.
    const direct = await request(`${gw.simUrl}/v1/customers/${BIG_CUSTOMER_ID}/orders`, { headers: { authorization: TOKEN } });
    const raw = await direct.body.text();
    expect(Buffer.byteLength(raw)).toBeGreaterThan(256 * 1024);
    const upstream = (JSON.parse(raw) as { items: UpstreamOrder[] }).items;
    // Multi-byte UTF-8 in the body (€ is three bytes): a decoder that split one between two chunks would garble it.
    expect(upstream.filter((order) => order.currencySymbol === '€').length).toBeGreaterThan(1000);
    gw.resetUpstream();

    const response = await gw.query(`query($id: ID!) { customer(id: $id) { orders { id currencySymbol lineItems { offerId } } } }`, { id: BIG_CUSTOMER_ID });
    expect(response.body.errors).toBeUndefined();
    const orders = (response.body.data as { customer: { orders: UpstreamOrder[] } }).customer.orders;
    expect(orders).toHaveLength(BIG_CUSTOMER_ORDER_COUNT);
    expect(orders).toEqual(
      upstream.map((order) => ({ id: order.id, currencySymbol: order.currencySymbol ?? null, lineItems: order.lineItems.map(({ offerId }) => ({ offerId })) })),
    );
    expect(gw.upstream().map((call) => call.path)).toEqual([`/v1/customers/${BIG_CUSTOMER_ID}/orders`]);
  });

  it('answers UPSTREAM_ERROR for a large body that is not JSON, and gives back what it counted against the budget', async () => {
    const broken = `{"totalCount":1,"items":[${'{"id":"x"},'.repeat(40_000)}`; // ~440 kB, cut off mid-array
    gw.sim.inject({ match: { path: `/v1/customers/${BIG_CUSTOMER_ID}/orders` }, fault: { kind: 'raw', status: 200, body: broken, contentType: 'application/json' }, times: 1 });
    const response = await gw.query(`query($id: ID!) { customer(id: $id) { orders { id } } }`, { id: BIG_CUSTOMER_ID });
    expect(response.body.errors?.map((e) => [e.extensions?.code, e.path])).toEqual([['UPSTREAM_ERROR', ['customer', 'orders']]]);
    expect(await budget(gw)).toMatchObject({ admitted: 0, reading: 0, waiting: 0 });

    // Refused by the transport once read (not JSON): what it counted while reading is given back.
    gw.sim.inject({ match: { path: `/v1/customers/${BIG_CUSTOMER_ID}/orders` }, fault: { kind: 'content-type', contentType: 'text/html', body: `<p>${'x'.repeat(400_000)}</p>` }, times: 1 });
    const html = await gw.query(`query($id: ID!) { customer(id: $id) { orders { id } } }`, { id: BIG_CUSTOMER_ID });
    expect(html.body.errors?.map((e) => e.extensions?.code)).toEqual(['UPSTREAM_ERROR']);
    expect(await budget(gw)).toMatchObject({ admitted: 0, reading: 0, waiting: 0 });
  });

  it('several at once are all answered, each from its own call', async () => {
    gw.resetUpstream();
    const tokens = ['Bearer large-a', 'Bearer large-b', 'Bearer large-c'];
    const answers = await Promise.all(
      tokens.map((authorization) => gw.query(`query($id: ID!) { customer(id: $id) { orders { id } } }`, { id: BIG_CUSTOMER_ID }, { authorization })),
    );
    expect(answers.map((a) => dataOf<{ customer: { orders: unknown[] } }>(a).customer.orders.length)).toEqual([2000, 2000, 2000]);
    expect(gw.upstream()).toHaveLength(3);
  });
});

/** The big customer's orders (a large page), and its profile: a small second call that a test can hold at a gate. */
const ORDERS_AND_PROFILE = `query($id: ID!) { customer(id: $id) { commerceId orders { id } } }`;
const PROFILE = `/v1/customers/${BIG_CUSTOMER_ID}`;

async function budget(gw: TestGateway): Promise<{ admitted: number; reading: number; waiting: number; waited: number; rejected: number }> {
  const metrics = await scrape(gw.url);
  const value = (name: string, label: string, state: string) => metrics.samples(name).find((s) => s.labels[label] === state)?.value ?? Number.NaN;
  return {
    admitted: value('partner_center_large_body_bytes', 'state', 'admitted'),
    reading: value('partner_center_large_body_bytes', 'state', 'reading'),
    waiting: value('partner_center_large_body_bytes', 'state', 'waiting'),
    waited: value('partner_center_large_bodies_delayed_total', 'outcome', 'waited'),
    rejected: value('partner_center_large_bodies_delayed_total', 'outcome', 'rejected'),
  };
}

/**
 * A first request that holds the budget: its page parsed and admitted, its profile call (and the next one, for a
 * second request) held at a gate until `open()`.
 */
async function holdBudget(gw: TestGateway): Promise<{ open: () => void; first: Promise<GraphQLResponse> }> {
  const open = gate(gw, { path: PROFILE }, 2);
  const first = gw.query(ORDERS_AND_PROFILE, { id: BIG_CUSTOMER_ID }, { authorization: 'Bearer budget-a' });
  await eventually(async () => (await budget(gw)).admitted > 2_000_000, 'the first page admitted');
  return { open, first };
}

const orderCount = (response: GraphQLResponse) => dataOf<{ customer: { orders: unknown[] } }>(response).customer.orders.length;

describe('the memory budget for large bodies (UPSTREAM_LARGE_BODY_BUDGET_BYTES)', () => {
  // Smaller than one 2.6 MB page: one execution at a time may hold one (the budget admits a body over it alone).
  const small = useGateway({ env: { UPSTREAM_LARGE_BODY_BUDGET_BYTES: String(256 * 1024) } });

  it('makes a second large page wait while another execution holds the budget, then serves it whole', async () => {
    const { open, first } = await holdBudget(small);
    const second = small.query(ORDERS_AND_PROFILE, { id: BIG_CUSTOMER_ID }, { authorization: 'Bearer budget-b' });
    await eventually(async () => (await budget(small)).waiting > 2_000_000, 'the second page waiting');
    const held = await budget(small);
    expect(held.waited).toBe(1);
    expect(held.admitted).toBe(held.waiting); // the same page, once parsed and held, once waiting

    open();
    const answers = await Promise.all([first, second]);
    expect(answers.map((a) => a.body.errors)).toEqual([undefined, undefined]);
    expect(answers.map(orderCount)).toEqual([BIG_CUSTOMER_ORDER_COUNT, BIG_CUSTOMER_ORDER_COUNT]);
    // Both executions answered: nothing is held or waiting any more.
    await eventually(async () => (await budget(small)).admitted === 0, 'the budget released');
    expect(await budget(small)).toEqual({ admitted: 0, reading: 0, waiting: 0, waited: 1, rejected: 0 });
  });

  it('gets back what an execution held when its caller goes away before the answer', async () => {
    const open = gate(small, { path: PROFILE }, 1);
    const caller = new AbortController();
    const gone = request(`${small.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer budget-gone' },
      body: JSON.stringify({ query: ORDERS_AND_PROFILE, variables: { id: BIG_CUSTOMER_ID } }),
      signal: caller.signal,
    }).catch((error: unknown) => error);
    await eventually(async () => (await budget(small)).admitted > 2_000_000, 'the page admitted');
    caller.abort();
    await gone;
    await eventually(async () => (await budget(small)).admitted === 0, 'the budget released');
    open();
    const next = await small.query(ORDERS_AND_PROFILE, { id: BIG_CUSTOMER_ID }, { authorization: 'Bearer budget-next' });
    expect(orderCount(next)).toBe(BIG_CUSTOMER_ORDER_COUNT);
  });

  it('lets one execution take several large pages over budget, without waiting on itself', async () => {
    const before = await budget(small);
    small.resetUpstream();
    const response = await small.query(`query($id: ID!) { customer(id: $id) { orders { id } subscriptions { id } } }`, { id: BIG_CUSTOMER_ID });
    expect(response.body.errors).toBeUndefined();
    const customer = (response.body.data as { customer: { orders: unknown[]; subscriptions: unknown[] } }).customer;
    expect([customer.orders.length, customer.subscriptions.length]).toEqual([BIG_CUSTOMER_ORDER_COUNT, 3080]);
    // Two pages over 256 kB each, against a budget of 256 kB: the second was admitted beside the first.
    expect(small.upstream().map((call) => call.path).sort()).toEqual([`/v1/customers/${BIG_CUSTOMER_ID}/orders`, `/v1/customers/${BIG_CUSTOMER_ID}/subscriptions`]);
    expect(await budget(small)).toEqual({ ...before, admitted: 0, reading: 0, waiting: 0 });
  });
});

describe('large bodies beyond the queue limit (UPSTREAM_LARGE_BODY_QUEUE_BYTES)', () => {
  let tight: TestGateway;
  beforeAll(async () => {
    // Room for one 2.6 MB page being read or waiting, not two.
    tight = await startGateway({ env: { UPSTREAM_LARGE_BODY_BUDGET_BYTES: String(256 * 1024), UPSTREAM_LARGE_BODY_QUEUE_BYTES: String(4 * 1024 * 1024) } });
  });
  afterAll(() => tight.close());

  it('stop being read and fail fast with UPSTREAM_UNAVAILABLE on their field, and are served once there is room', async () => {
    const { open, first } = await holdBudget(tight);
    const second = tight.query(ORDERS_AND_PROFILE, { id: BIG_CUSTOMER_ID }, { authorization: 'Bearer budget-b' });
    await eventually(async () => (await budget(tight)).waiting > 2_000_000, 'the second page waiting');
    const refused = await tight.query(`query($id: ID!) { customer(id: $id) { orders { id } } }`, { id: BIG_CUSTOMER_ID }, { authorization: 'Bearer budget-c' });
    expect(refused.status).toBe(200);
    expect(refused.body.errors?.map((e) => [e.extensions?.code, e.path])).toEqual([['UPSTREAM_UNAVAILABLE', ['customer', 'orders']]]);
    expect(refused.body.errors?.[0]?.message).toBe('The gateway is busy: too many large answers are being read or waiting for memory');
    expect(await budget(tight)).toMatchObject({ rejected: 1 });

    open();
    const answers = await Promise.all([first, second]);
    expect(answers.map(orderCount)).toEqual([BIG_CUSTOMER_ORDER_COUNT, BIG_CUSTOMER_ORDER_COUNT]);
    const again = await tight.query(ORDERS_AND_PROFILE, { id: BIG_CUSTOMER_ID }, { authorization: 'Bearer budget-d' });
    expect(orderCount(again)).toBe(BIG_CUSTOMER_ORDER_COUNT);
    await eventually(async () => (await budget(tight)).admitted === 0, 'the budget released');
    expect(await budget(tight)).toEqual({ admitted: 0, reading: 0, waiting: 0, waited: 1, rejected: 1 });
  });
});
