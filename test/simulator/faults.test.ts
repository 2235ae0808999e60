import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { QUIRKS_CUSTOMER_ID, SEED_004_CUSTOMER_ID } from '../../src/simulator/simulator.js';
import { AUTH, get, header, start, type Started } from './helpers.js';

let s: Started;
beforeAll(async () => { s = await start(); });
afterAll(async () => { await s.close(); });
afterEach(() => { s.sim.clearFaults(); s.sim.clearRequests(); });

const ORDERS = `/v1/customers/${SEED_004_CUSTOMER_ID}/orders`;

describe('status faults', () => {
  it('uses the standard shape by default, with overridable code and description', async () => {
    s.sim.inject({ fault: { kind: 'status', status: 500 }, times: 1 });
    s.sim.inject({ fault: { kind: 'status', status: 403, code: '1002', description: 'Authorization Failed' }, times: 1 });
    const first = await get(s.url, ORDERS);
    expect(first.status).toBe(500);
    expect(first.body).toEqual({ code: 800003, description: 'Unexpected service error', data: [], source: 'PartnerFD' });
    expect(header(first, 'ms-requestid')).toBeTruthy();
    const second = await get(s.url, ORDERS);
    expect(second.status).toBe(403);
    expect(second.body).toEqual({ code: '1002', description: 'Authorization Failed', data: [], source: 'PartnerFD' });
    expect((await get(s.url, ORDERS)).status).toBe(200);
  });

  it('builds the customer-service and gateway shapes', async () => {
    s.sim.inject({ fault: { kind: 'status', status: 404, shape: 'customer-service', code: 600074, description: 'Account not found' }, times: 1 });
    s.sim.inject({ fault: { kind: 'status', status: 502, shape: 'gateway' }, times: 1 });
    expect((await get(s.url, ORDERS)).body).toEqual({
      code: 600074, message: 'Account not found', description: 'Account not found', errorName: 'NotFound',
      isRetryable: false, parameters: {}, errorMessageExtended: 'InternalErrorCode=600074',
    });
    expect((await get(s.url, ORDERS)).body).toEqual({ statusCode: 502, message: 'Bad gateway' });
  });

  it('answers 429 in gateway shape with Retry-After', async () => {
    s.sim.inject({ fault: { kind: 'status', status: 429, retryAfterSeconds: 57 } });
    const r = await get(s.url, ORDERS);
    expect(r.status).toBe(429);
    expect(header(r, 'retry-after')).toBe('57');
    expect(r.body).toEqual({ statusCode: 429, message: 'Rate limit is exceeded. Try again in 57 seconds.' });
  });

  it('applies before auth and routing, and is recorded', async () => {
    s.sim.inject({ fault: { kind: 'status', status: 503 } });
    expect((await get(s.url, '/v1/customers/not-a-guid', {})).status).toBe(503);
    expect(s.sim.requests.map((r) => r.status)).toEqual([503]);
  });
});

describe('matching', () => {
  it('matches on route, customer, method and path; removal and times work', async () => {
    const remove = s.sim.inject({ match: { route: 'orders', customerId: QUIRKS_CUSTOMER_ID.toUpperCase() }, fault: { kind: 'status', status: 500 } });
    s.sim.inject({ match: { path: /\/provisioningstatus$/ }, fault: { kind: 'status', status: 504 }, times: 2 });
    s.sim.inject({ match: { method: 'post', path: ORDERS }, fault: { kind: 'status', status: 418 } });
    expect((await get(s.url, `/v1/customers/${QUIRKS_CUSTOMER_ID}/orders`)).status).toBe(500);
    expect((await get(s.url, `/v1/customers/${QUIRKS_CUSTOMER_ID}`)).status).toBe(200);
    expect((await get(s.url, ORDERS)).status).toBe(200);
    expect((await get(s.url, ORDERS, AUTH, { method: 'POST' })).status).toBe(418);
    remove();
    expect((await get(s.url, `/v1/customers/${QUIRKS_CUSTOMER_ID}/orders`)).status).toBe(200);
    const prov = `${ORDERS}/5e8f2a9c4b71/provisioningstatus`;
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await get(s.url, prov)).status);
    expect(statuses).toEqual([504, 504, 200]);
  });
});

describe('transport faults', () => {
  it('adds latency, then answers normally', async () => {
    s.sim.inject({ fault: { kind: 'latency', ms: 120 }, times: 1 });
    const started = performance.now();
    const r = await get(s.url, ORDERS);
    expect(r.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
  });

  it('holds requests at a gate until it opens, then answers them normally', async () => {
    let open!: () => void;
    s.sim.inject({ fault: { kind: 'gate', open: new Promise<void>((resolve) => (open = resolve)) }, times: 2 });
    let answered = 0;
    const calls = [get(s.url, ORDERS), get(s.url, ORDERS)].map((call) => call.finally(() => (answered += 1)));
    await s.sim.waitForRequests(2);
    expect(s.sim.inFlight).toBe(2);
    expect(answered).toBe(0);
    open();
    expect((await Promise.all(calls)).map((r) => r.status)).toEqual([200, 200]);
  });

  it('resets the connection without a response', async () => {
    s.sim.inject({ fault: { kind: 'reset' }, times: 1 });
    await expect(get(s.url, ORDERS)).rejects.toThrow();
    expect(s.sim.requests[0]?.status).toBe(0);
    expect((await get(s.url, ORDERS)).status).toBe(200);
  });

  it('hangs until the client gives up', async () => {
    s.sim.inject({ fault: { kind: 'hang' }, times: 1 });
    const controller = new AbortController();
    const call = get(s.url, ORDERS, AUTH, { signal: controller.signal });
    await s.sim.waitForRequests(1);
    expect(s.sim.inFlight).toBe(1);
    controller.abort();
    await expect(call).rejects.toThrow();
    await vi.waitFor(() => expect(s.sim.inFlight).toBe(0));
    expect(s.sim.requests[0]?.status).toBe(0);
  });

  it('does not keep close() waiting on a hung request', async () => {
    const t = await start();
    t.sim.inject({ fault: { kind: 'hang' } });
    const call = get(t.url, ORDERS).catch((error: unknown) => error);
    await t.sim.waitForRequests(1);
    await t.close();
    expect(await call).toBeInstanceOf(Error);
  });

  it('serves truncated JSON, a wrong content type and raw answers', async () => {
    s.sim.inject({ fault: { kind: 'malformed-json' }, times: 1 });
    s.sim.inject({ fault: { kind: 'content-type', contentType: 'text/html' }, times: 1 });
    s.sim.inject({ fault: { kind: 'raw', status: 502, body: 'upstream down', contentType: 'text/plain', headers: { 'X-Test': '1' } }, times: 1 });
    const malformed = await get(s.url, ORDERS);
    expect(malformed.status).toBe(200);
    expect(header(malformed, 'content-type')).toBe('application/json; charset=utf-8');
    expect(() => JSON.parse(malformed.text)).toThrow();
    const html = await get(s.url, ORDERS);
    expect(html.status).toBe(200);
    expect(header(html, 'content-type')).toBe('text/html');
    expect(html.text).toContain('<html>');
    const raw = await get(s.url, ORDERS);
    expect([raw.status, raw.text, header(raw, 'content-type'), header(raw, 'x-test')]).toEqual([502, 'upstream down', 'text/plain', '1']);
  });
});
