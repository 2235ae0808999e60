import { afterEach, describe, expect, it } from 'vitest';
import { BIG_CUSTOMER_ID, BIG_CUSTOMER_ORDER_COUNT, SEED_000_CUSTOMER_ID, SEED_004_CUSTOMER_ID } from '../../src/simulator/constants.js';
import { startGateway, type TestGateway } from '../support/gateway.js';

let gw: TestGateway | undefined;
afterEach(async () => {
  await gw?.close();
  gw = undefined;
});

type Order = { id: string; provisioningStatus: unknown };

describe('MAX_UPSTREAM_CALLS_PER_REQUEST', () => {
  it('stops the 2,000-order customer at 200 calls: the list, 199 provisioning statuses, QUERY_TOO_COMPLEX for the rest', async () => {
    gw = await startGateway();
    const { status, body } = await gw.query(`{ customer(id: "${BIG_CUSTOMER_ID}") { orders { id provisioningStatus { status } } } }`);
    expect(status).toBe(200);

    const orders = (body.data!.customer as { orders: Order[] }).orders;
    expect(orders).toHaveLength(BIG_CUSTOMER_ORDER_COUNT);
    const calls = gw.upstream().map((c) => c.path);
    expect(calls).toHaveLength(200);
    expect(calls.filter((p) => p === `/v1/customers/${BIG_CUSTOMER_ID}/orders`)).toHaveLength(1);
    // The first 199 orders of the list got their call, in list order; nothing is fetched twice.
    const fetched = calls.filter((p) => p.endsWith('/provisioningstatus')).map((p) => p.split('/')[5]);
    expect(new Set(fetched)).toEqual(new Set(orders.slice(0, 199).map((o) => encodeURIComponent(o.id))));

    const capped = body.errors!.filter((e) => e.extensions!.code === 'QUERY_TOO_COMPLEX');
    expect(capped.map((e) => e.path)).toEqual(orders.slice(199).map((_, i) => ['customer', 'orders', 199 + i, 'provisioningStatus']));
    expect(capped[0]!.extensions).toMatchObject({ limit: 'upstreamCalls', max: 200 });
    expect(orders.slice(199).every((o) => o.provisioningStatus === null)).toBe(true);
    // Data loaded before the cap is kept.
    const loaded = orders.slice(0, 199).filter((o) => Array.isArray(o.provisioningStatus));
    const otherErrors = body.errors!.filter((e) => e.extensions!.code !== 'QUERY_TOO_COMPLEX');
    expect(loaded.length + otherErrors.length).toBe(199);
    expect(loaded.length).toBeGreaterThan(0);
    expect(gw.logs.filter((l) => l.level === 'error')).toEqual([]);
  }, 60_000); // 2,000 orders and 1,801 errors take seconds on a busy machine

  it('counts per request: a low cap fails the fields past it and keeps the others', async () => {
    gw = await startGateway({ env: { MAX_UPSTREAM_CALLS_PER_REQUEST: '2', OPERATION_SINGLE_FLIGHT: 'false' } });
    const query = `{
      a: customer(id: "${SEED_004_CUSTOMER_ID}") { companyProfile { companyName } }
      b: customer(id: "${SEED_000_CUSTOMER_ID}") { companyProfile { companyName } orders { id } }
    }`;
    const { body } = await gw.query(query);
    expect(gw.upstream()).toHaveLength(2);
    expect(body.errors!.map((e) => [e.path, e.extensions!.code, e.extensions!.limit, e.extensions!.max])).toEqual([
      [['b', 'orders'], 'QUERY_TOO_COMPLEX', 'upstreamCalls', 2],
    ]);
    expect(body.data).toEqual({
      a: { companyProfile: { companyName: expect.any(String) } },
      b: { companyProfile: { companyName: expect.any(String) }, orders: null },
    });
    // The next request has its own budget.
    gw.resetUpstream();
    const again = await gw.query(query);
    expect(gw.upstream()).toHaveLength(2);
    expect(again.body.errors).toHaveLength(1);
  });

  it('prices Order.provisioningStatus as a call per order: ten customers of it are over the default cost limit', async () => {
    gw = await startGateway();
    const ids = Array.from({ length: 10 }, () => `"${SEED_004_CUSTOMER_ID}"`).join(', ');
    // 1 + 10 × (orders 2 + 20 orders × (provisioningStatus 100 + 4 lines × status 1))
    const { body } = await gw.query(`{ customers(ids: [${ids}]) { orders { provisioningStatus { status } } } }`);
    expect(body.errors!.map((e) => e.extensions)).toEqual([expect.objectContaining({ code: 'QUERY_TOO_COMPLEX', limit: 'cost', cost: 20821, max: 20000 })]);
    expect(gw.upstream()).toHaveLength(0);
  });
});
