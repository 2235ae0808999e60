import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PARTNER_ID, SEED_004_CUSTOMER_ID, createSimulator } from '../../src/simulator/simulator.js';
import { AUTH, get, header, start, type Started } from './helpers.js';

let s: Started;
beforeAll(async () => { s = await start(); });
afterAll(async () => { await s.close(); });

const ORDERS = `/v1/customers/${SEED_004_CUSTOMER_ID}/orders`;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('response headers', () => {
  it('echoes correlation and request ids and adds MS-CV and MS-ServerId', async () => {
    const r = await get(s.url, ORDERS, { ...AUTH, 'MS-CorrelationId': 'corr-1', 'MS-RequestId': 'req-1' });
    expect(header(r, 'ms-correlationid')).toBe('corr-1');
    expect(header(r, 'ms-requestid')).toBe('req-1');
    expect(header(r, 'ms-cv')).toMatch(/^[A-Za-z0-9+/]{16}\.0$/);
    expect(header(r, 'ms-serverid')).toMatch(/^\d+$/);
    expect(header(r, 'content-type')).toBe('application/json; charset=utf-8');
    expect(header(r, 'date')).toBeTruthy();
  });

  it('generates ids when missing and sends them on errors too', async () => {
    const r = await get(s.url, ORDERS, { 'MS-CorrelationId': 'corr-2' });
    expect(r.status).toBe(401);
    expect(header(r, 'ms-correlationid')).toBe('corr-2');
    expect(header(r, 'ms-requestid')).toMatch(GUID);
    expect(header(r, 'ms-cv')).toMatch(/\.0$/);
  });
});

describe('routing', () => {
  it('answers unknown routes with the gateway 404 and other methods with 405', async () => {
    for (const path of ['/v1/nope', '/v2/customers', '/', `${ORDERS}/x/y/z`]) {
      const r = await get(s.url, path);
      expect(r.status).toBe(404);
      expect(r.body).toEqual({ statusCode: 404, message: 'Resource not found' });
    }
    const post = await get(s.url, ORDERS, AUTH, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.body).toMatchObject({ statusCode: 405 });
  });
});

describe('request log and control endpoints', () => {
  it('records every request with its answer and waits for n of them', async () => {
    const t = await start();
    try {
      const waiting = t.sim.waitForRequests(3);
      await get(t.url, '/_simulator/health');
      await get(t.url, `${ORDERS}?billingType=OneTime`, { ...AUTH, 'X-Extra': 'yes' });
      await get(t.url, ORDERS, {});
      await get(t.url, '/v1/nope');
      await waiting;
      const log = t.sim.requests;
      expect(log.map((r) => [r.seq, r.method, r.path, r.status])).toEqual([
        [1, 'GET', '/_simulator/health', 200],
        [2, 'GET', ORDERS, 200],
        [3, 'GET', ORDERS, 401],
        [4, 'GET', '/v1/nope', 404],
      ]);
      expect(log[1]).toMatchObject({ url: `${ORDERS}?billingType=OneTime`, query: { billingType: 'OneTime' } });
      expect(log[1]?.headers).toMatchObject({ authorization: 'Bearer test-token', 'x-extra': 'yes' });

      const viaHttp = await get(t.url, '/_simulator/requests');
      expect(viaHttp.body.map((r: { seq: number }) => r.seq)).toEqual([1, 2, 3, 4, 5]);
      expect((await get(t.url, '/_simulator/requests', {}, { method: 'DELETE' })).status).toBe(204);
      expect(t.sim.requests).toEqual([]);

      // Control calls are not counted; a waiter set before the requests resolves once they arrive.
      const next = t.sim.waitForRequests(2);
      await get(t.url, '/_simulator/health');
      const pending = [get(t.url, ORDERS), get(t.url, ORDERS)];
      await next;
      await Promise.all(pending);
      t.sim.clearRequests();
      expect(t.sim.requests).toEqual([]);
    } finally {
      await t.close();
    }
  });

  it('counts requests in flight and their peak', async () => {
    const t = await start({ latencyMs: 300 });
    try {
      const calls = Array.from({ length: 5 }, () => get(t.url, ORDERS));
      await t.sim.waitForRequests(5);
      expect(t.sim.inFlight).toBe(5);
      const results = await Promise.all(calls);
      expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
      expect(t.sim.inFlight).toBe(0);
      expect(t.sim.peakInFlight).toBe(5);
      t.sim.resetPeak();
      expect(t.sim.peakInFlight).toBe(0);
      t.sim.setLatency(0);
      await get(t.url, ORDERS);
      expect(t.sim.peakInFlight).toBe(1);
    } finally {
      await t.close();
    }
  });

  it('works as a plain request listener', async () => {
    const sim = createSimulator({ customerCount: 2 });
    const server = createServer(sim.handler);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const r = await get(`http://127.0.0.1:${port}`, `/v1/customers?size=50`);
      expect(r.body.totalCount).toBe(sim.data.customersOf(DEFAULT_PARTNER_ID).length);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
