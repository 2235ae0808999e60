import { readFileSync } from 'node:fs';
import { buildSchema, getNullableType, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { eligible } from '../../src/plugins/performance/use-jit.js';
import { schema } from '../../src/schema/index.js';
import { BIG_CUSTOMER_ID, BIG_CUSTOMER_ORDER_COUNT, QUIRKS_CUSTOMER_ID, SEED_004_CUSTOMER_ID, SEED_004_ORDER_IDS } from '../../src/simulator/constants.js';
import { dataOf } from '../support/data-of.js';
import { callsOf, expectedSkuCalls } from '../support/expected-calls.js';
import { assemble, incrementalQuery, openIncremental, type Transport } from '../support/incremental.js';
import { useGateway } from '../support/shared-gateway.js';
import { gate } from '../support/waiting.js';

const A = SEED_004_CUSTOMER_ID;
const [FIRST, SECOND] = SEED_004_ORDER_IDS;
const TRANSPORTS: Transport[] = ['multipart/mixed', 'text/event-stream'];

// The same selection twice: all at once, and with the slow fields deferred.
const PLAIN = `{ customer(id: "${A}") { id orders(billingCycle: ONE_TIME) { id provisioningStatus { status } lineItems { offerId sku { id } product { id } } } } }`;
const DEFERRED = `{ customer(id: "${A}") { id orders(billingCycle: ONE_TIME) {
  id
  ... @defer(label: "provisioning") { provisioningStatus { status } }
  lineItems { offerId ... @defer(label: "catalog") { sku { id } product { id } } } } } }`;
const STREAMED = `{ customer(id: "${BIG_CUSTOMER_ID}") { id orders @stream(initialCount: 10) { id billingCycle } } }`;

const gw = useGateway({}, { clearFaults: true });

describe.each(TRANSPORTS)('@defer and @stream over %s', (accept) => {
  it('defers provisioning status and catalog fields: the same data and the same upstream calls, in three payloads', async () => {
    const plain = await gw.query(PLAIN);
    expect(plain.body.errors).toBeUndefined();
    const plainCalls = callsOf(gw);
    gw.resetUpstream();

    const { status, contentType, payloads } = await incrementalQuery(gw, DEFERRED, accept);
    expect(status).toBe(200);
    expect(contentType.startsWith(accept)).toBe(true);
    // The orders and their lines at once; then each deferred fragment, for every order or line, under its label.
    expect(payloads[0]).toEqual({
      data: {
        customer: {
          id: A,
          orders: [
            { id: FIRST, lineItems: [{ offerId: 'DZH318Z0BQ4B:000Z:DZH318Z0DSPL' }] },
            { id: SECOND, lineItems: [{ offerId: 'DZH318Z0BQ4Z:002P:DZH318Z0CL2D' }] },
          ],
        },
      },
      hasNext: true,
    });
    const entries = payloads.slice(1).flatMap((p) => p.incremental ?? []);
    expect(entries.map((e) => [e.label, e.path]).sort()).toEqual([
      ['catalog', ['customer', 'orders', 0, 'lineItems', 0]],
      ['catalog', ['customer', 'orders', 1, 'lineItems', 0]],
      ['provisioning', ['customer', 'orders', 0]],
      ['provisioning', ['customer', 'orders', 1]],
    ]);
    expect(entries.find((e) => e.label === 'catalog')!.data).toEqual({ sku: { id: '000Z' }, product: { id: 'DZH318Z0BQ4B' } });
    expect(payloads.slice(0, -1).every((p) => p.hasNext === true)).toBe(true);
    expect(payloads.at(-1)!.hasNext).toBe(false);
    expect(assemble(payloads)).toEqual({ data: plain.body.data, errors: [] });
    // Deferral costs no extra call: the SKU and product loaders still batch across the deferred lines.
    expect(callsOf(gw)).toEqual(plainCalls);
    expect(plainCalls).toEqual(
      [
        `/v1/customers/${A}/orders?billingType=OneTime`,
        `/v1/customers/${A}/orders/${FIRST}/provisioningstatus`,
        `/v1/customers/${A}/orders/${SECOND}/provisioningstatus`,
        '/v1/products/DZH318Z0BQ4B?country=US',
        '/v1/products/DZH318Z0BQ4B/skus/000Z?country=US',
        '/v1/products/DZH318Z0BQ4Z?country=US',
        '/v1/products/DZH318Z0BQ4Z/skus/002P?country=US',
      ].sort(),
    );
  });

  it(`streams the ${BIG_CUSTOMER_ORDER_COUNT}-order customer's orders after the first ten, from the one order list call`, async () => {
    const plain = await gw.query(STREAMED.replace(' @stream(initialCount: 10)', ''));
    const plainCalls = callsOf(gw);
    gw.resetUpstream();

    const { payloads } = await incrementalQuery(gw, STREAMED, accept);
    const initial = payloads[0]!;
    expect(initial.hasNext).toBe(true);
    expect((dataOf(initial).customer as { orders: unknown[] }).orders).toHaveLength(10);
    const entries = payloads.slice(1).flatMap((p) => p.incremental ?? []);
    // Every streamed entry says where its items go: consecutive indexes after the first ten, none missing.
    let next = 10;
    for (const entry of entries) {
      expect(entry.path).toEqual(['customer', 'orders', next]);
      next += entry.items!.length;
    }
    expect(next).toBe(BIG_CUSTOMER_ORDER_COUNT);
    expect(payloads.at(-1)!.hasNext).toBe(false);
    expect(assemble(payloads)).toEqual({ data: plain.body.data, errors: [] });
    expect(callsOf(gw)).toEqual(plainCalls);
    expect(plainCalls).toEqual([`/v1/customers/${BIG_CUSTOMER_ID}/orders`]);
  });

  it('streamed orders still share their lines\' SKU calls: a SKU in two orders, one streamed, costs one call', async () => {
    const query = `{ customer(id: "${QUIRKS_CUSTOMER_ID}") { orders @stream(initialCount: 1) { id lineItems { offerId sku { id } } } } }`;
    const plain = await gw.query(query.replace(' @stream(initialCount: 1)', ''));
    const plainCalls = callsOf(gw);
    gw.resetUpstream();
    const { payloads } = await incrementalQuery(gw, query, accept);
    expect(payloads.length).toBeGreaterThan(1);
    const streamed = assemble(payloads);
    expect(streamed.data).toEqual(plain.body.data);
    // The quirks customer buys one catalog item Partner Center answers 400072 for: the same error either way.
    const coded = (errors: readonly { path?: readonly unknown[]; extensions?: Record<string, unknown> }[] = []) =>
      errors.map((e) => [e.extensions?.code, e.path?.join('.')]).sort();
    expect(coded(streamed.errors)).toEqual(coded(plain.body.errors));
    expect(coded(plain.body.errors).map(([code]) => code)).toEqual(['NOT_FOUND']);
    const lines = gw.sim.data.findCustomer(QUIRKS_CUSTOMER_ID)!.orders.flatMap((o) => o.lineItems ?? []);
    expect(callsOf(gw)).toEqual(plainCalls);
    expect(plainCalls).toEqual([`/v1/customers/${QUIRKS_CUSTOMER_ID}/orders`, ...expectedSkuCalls(lines)].sort());
  });

  it("an error in a deferred fragment arrives in that fragment's payload, coded and with the correlation id", async () => {
    const path = `/v1/customers/${A}/orders/${SECOND}/provisioningstatus`;
    gw.sim.inject({ match: { route: 'provisioning', path }, fault: { kind: 'status', status: 404, code: 800007, description: 'Unable to retrieve provisioning information' } });
    const { headers, payloads } = await incrementalQuery(gw, DEFERRED, accept);
    expect(payloads[0]!.errors).toBeUndefined();
    const entries = payloads.slice(1).flatMap((p) => p.incremental ?? []);
    const failed = entries.filter((e) => e.errors);
    expect(failed).toEqual([
      {
        data: { provisioningStatus: null },
        path: ['customer', 'orders', 1],
        label: 'provisioning',
        errors: [
          {
            message: expect.any(String),
            locations: expect.any(Array),
            path: ['customer', 'orders', 1, 'provisioningStatus'],
            extensions: expect.objectContaining({ code: 'NOT_FOUND', upstream: expect.objectContaining({ status: 404, code: '800007' }), correlationId: headers['ms-correlationid'] }),
          },
        ],
      },
    ]);
    expect(entries.filter((e) => e.label === 'provisioning' && !e.errors).map((e) => e.data)).toEqual([{ provisioningStatus: [{ status: 'PREFULFILLMENT_PENDING' }] }]);
    expect(payloads.at(-1)!.hasNext).toBe(false);
  });
});

describe('@defer and @stream beside the other plugins', () => {
  it('schema.graphql declares the directives exactly as the gateway serves them', async () => {
    const { body } = await gw.query('{ __schema { directives { name locations args { name defaultValue type { name kind ofType { name } } } } } }');
    // schema.graphql is sorted; the served directives keep their arguments' declared order.
    const served = (dataOf(body).__schema as { directives: { name: string; args: { name: string }[] }[] }).directives
      .filter((d) => d.name === 'defer' || d.name === 'stream')
      .map((d) => ({ ...d, args: [...d.args].sort((a, b) => a.name.localeCompare(b.name)) }));
    const printed = buildSchema(readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8'));
    const described = (name: string) => {
      const directive = printed.getDirective(name)!;
      return {
        name,
        locations: [...directive.locations],
        args: directive.args.map((arg) => {
          const named = getNullableType(arg.type) as { name: string };
          return {
            name: arg.name,
            defaultValue: arg.defaultValue === undefined ? null : String(arg.defaultValue),
            type: arg.type === named ? { name: named.name, kind: 'SCALAR', ofType: null } : { name: null, kind: 'NON_NULL', ofType: { name: named.name } },
          };
        }),
      };
    };
    expect(served).toEqual([described('defer'), described('stream')]);
  });

  it('a client that accepts only JSON gets the whole answer in one response, from the same calls', async () => {
    const plain = await gw.query(PLAIN);
    const plainCalls = callsOf(gw);
    gw.resetUpstream();
    const deferred = await gw.query(DEFERRED);
    expect([deferred.status, String(deferred.headers['content-type'])]).toEqual([200, 'application/graphql-response+json; charset=utf-8']);
    expect(deferred.body).toEqual(plain.body);
    expect(callsOf(gw)).toEqual(plainCalls);
    gw.resetUpstream();
    const streamed = await gw.query(STREAMED);
    expect((dataOf(streamed).customer as { orders: unknown[] }).orders).toHaveLength(BIG_CUSTOMER_ORDER_COUNT);
    expect(callsOf(gw)).toEqual([`/v1/customers/${BIG_CUSTOMER_ID}/orders`]);
  });

  it("refuses what the directives' own validation rules refuse, every time the document is sent", async () => {
    const refused = [
      [`{ customer(id: "${A}") @defer { id } }`, 'Directive "@defer" may not be used on FIELD.'],
      [`{ customer(id: "${A}") { id @stream(initialCount: 1) } }`, 'Stream directive cannot be used on non-list field "id" on type "Customer".'],
      [`{ customer(id: "${A}") { ... @defer(label: "x") { id } ... @defer(label: "x") { orders { id } } } }`, 'Defer/Stream directive label argument must be unique.'],
    ] as const;
    for (const [document, message] of refused) {
      for (let sent = 0; sent < 2; sent++) {
        const { body } = await gw.query(document);
        expect(body.data).toBeUndefined();
        expect(body.errors?.map((e: { message: string; extensions?: { code?: string } }) => [e.message, e.extensions?.code])).toEqual([[message, 'GRAPHQL_VALIDATION_FAILED']]);
      }
    }
    expect(callsOf(gw)).toEqual([]);
  });

  it('graphql-jit leaves documents with @defer or @stream to graphql-js (it would answer in one piece)', () => {
    expect(eligible(schema, parse(PLAIN))).toBe(true);
    expect(eligible(schema, parse(DEFERRED))).toBe(false);
    expect(eligible(schema, parse(STREAMED))).toBe(false);
  });

  it('identical incremental requests in flight together are not shared: each gets its own complete stream', async () => {
    // Both requests' provisioning calls wait, so both are in flight at once with their first payload written.
    const open = gate(gw, { route: 'provisioning' }, 4);
    const responses = await Promise.all([openIncremental(gw, DEFERRED, 'multipart/mixed'), openIncremental(gw, DEFERRED, 'text/event-stream')]);
    await Promise.all(responses.map((response) => response.payloads(1)));
    open();
    for (const payloads of await Promise.all(responses.map((response) => response.rest()))) {
      expect(payloads.at(-1)!.hasNext).toBe(false);
      expect(assemble(payloads).data).toMatchObject({ customer: { orders: [{ provisioningStatus: [{ status: 'PREFULFILLMENT_PENDING' }] }, { provisioningStatus: [{ status: 'PREFULFILLMENT_PENDING' }] }] } });
    }
    const lines = gw.logs.filter((l) => l.msg === 'graphql request').slice(-2);
    expect(lines.map((l) => (l.graphql as { sharedWith?: string }).sharedWith)).toEqual([undefined, undefined]);
  });
});

describe('@defer and @stream under the limits', () => {
  // A deadline the healthy calls meet on a busy machine; the hanging one waits it out.
  const limited = useGateway({ env: { MAX_QUERY_COST: '3075', REQUEST_DEADLINE_MS: '1500', UPSTREAM_TIMEOUT_MS: '60000' } }, { clearFaults: true });

  it('a deferred selection counts toward the cost limit: refused whole, before any upstream call', async () => {
    const ids = Array.from({ length: 25 }, () => A);
    // As limits.test.ts's fan-out (cost 3076), its orders deferred.
    const query = `{ customers(ids: ${JSON.stringify(ids)}) { id ... @defer { orders(billingCycle: MONTHLY) { id lineItems { offerId } } } } }`;
    const { payloads } = await incrementalQuery(limited, query, 'multipart/mixed');
    expect(payloads).toHaveLength(1);
    expect(payloads[0]!.errors!.map((e) => e.extensions)).toEqual([expect.objectContaining({ code: 'QUERY_TOO_COMPLEX', cost: 3076, max: 3075 })]);
    expect(limited.upstream()).toEqual([]);
  });

  it('deferred work keeps the request deadline: a hanging deferred call ends as UPSTREAM_TIMEOUT in its payload', async () => {
    limited.sim.inject({ match: { route: 'provisioning', path: `/v1/customers/${A}/orders/${FIRST}/provisioningstatus` }, fault: { kind: 'hang' } });
    const { payloads } = await incrementalQuery(limited, DEFERRED, 'text/event-stream');
    const entries = payloads.slice(1).flatMap((p) => p.incremental ?? []);
    const failed = entries.find((e) => e.errors)!;
    expect(failed.path).toEqual(['customer', 'orders', 0]);
    expect(failed.errors!.map((e) => e.extensions!.code)).toEqual(['UPSTREAM_TIMEOUT']);
    expect(payloads.at(-1)!.hasNext).toBe(false);
  });
});
