import { setTimeout as sleep } from 'node:timers/promises';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PARTNER_ID, SEED_000_CUSTOMER_ID, SEED_004_CUSTOMER_ID } from '../../src/simulator/constants.js';
import { TOKEN, withGateway } from '../support/gateway.js';
import { eventually, gate } from '../support/waiting.js';

const A = SEED_004_CUSTOMER_ID;
const B = SEED_000_CUSTOMER_ID;
const PROFILE = `{ customer(id: "${A}") { id companyProfile { companyName } } }`;

/** Polls a condition the system reaches by itself (not a fixed sleep): bounded, fails loudly. */

// The timeout ends hanging calls only: 500 ms is no slower for them (undici checks it on a ~500 ms tick) and never
// cuts a healthy call on a busy machine.
const FAST = { UPSTREAM_RETRY_BASE_DELAY_MS: '1', UPSTREAM_TIMEOUT_MS: '500' };

describe('retries', () => {
  it.each([
    ['500', { kind: 'status', status: 500, shape: 'standard', code: 800003 }],
    ['502 HTML', { kind: 'raw', status: 502, body: '<html/>', contentType: 'text/html' }],
    ['503', { kind: 'status', status: 503, shape: 'gateway' }],
    ['504', { kind: 'status', status: 504, shape: 'gateway' }],
    ['408', { kind: 'status', status: 408, shape: 'gateway' }],
    ['a connection reset', { kind: 'reset' }],
  ] as const)('retry %s twice with a new MS-RequestId after each answer, then succeed', async (_, fault) => {
    await withGateway({ env: FAST }, async (gw) => {
      gw.sim.inject({ match: { customerId: A }, times: 2, fault });
      const { body } = await gw.query(PROFILE);
      expect(body.errors).toBeUndefined();
      expect(body.data).toEqual({ customer: { id: A, companyProfile: { companyName: expect.any(String) } } });
      const ids = gw.upstream().map((c) => c.headers['ms-requestid']);
      expect(ids).toHaveLength(3);
      expect(new Set(ids).size).toBe(3);
    });
  });

  it('counts each retry in /metrics', async () => {
    await withGateway({ env: FAST }, async (gw) => {
      gw.sim.inject({ match: { customerId: A }, times: 2, fault: { kind: 'status', status: 503, shape: 'gateway' } });
      await gw.query(PROFILE);
      const scrape = await request(`${gw.url}/metrics`).then((r) => r.body.text());
      expect(scrape).toContain('partner_center_retries_total{route="/v1/customers/{id}"} 2');
    });
  });

  it('resends under the same MS-RequestId after a timeout', async () => {
    await withGateway({ env: FAST }, async (gw) => {
      gw.sim.inject({ match: { customerId: A }, times: 1, fault: { kind: 'hang' } });
      const { body } = await gw.query(PROFILE);
      expect(body.errors).toBeUndefined();
      const ids = gw.upstream().map((c) => c.headers['ms-requestid']);
      expect(ids).toHaveLength(2);
      expect(ids[1]).toBe(ids[0]);
    });
  });

  it('gives up after UPSTREAM_RETRIES extra attempts', async () => {
    await withGateway({ env: { ...FAST, UPSTREAM_RETRIES: '3' } }, async (gw) => {
      gw.sim.inject({ match: { customerId: A }, fault: { kind: 'status', status: 503, shape: 'gateway' } });
      const { body } = await gw.query(PROFILE);
      expect(body.errors!.map((e) => e.extensions!.code)).toEqual(['UPSTREAM_ERROR']);
      expect(gw.upstream()).toHaveLength(4);
    });
  });

  it.each([400, 401, 403, 404, 409])('never retries %i', async (status) => {
    await withGateway({ env: FAST }, async (gw) => {
      gw.sim.inject({ match: { customerId: A }, fault: { kind: 'status', status, shape: 'standard', code: 1 } });
      await gw.query(PROFILE);
      expect(gw.upstream()).toHaveLength(1);
    });
  });
});

describe('429', () => {
  it('waits a short Retry-After within the deadline and tries once more', async () => {
    await withGateway({ env: FAST }, async (gw) => {
      gw.sim.inject({ match: { customerId: A }, times: 1, fault: { kind: 'status', status: 429, retryAfterSeconds: 1 } });
      const { body } = await gw.query(PROFILE);
      expect(body.errors).toBeUndefined();
      expect(gw.upstream()).toHaveLength(2);
    });
  });

  it('answers THROTTLED at once when Retry-After is over the cap, or past the deadline', async () => {
    await withGateway({ env: FAST }, async (gw) => {
      gw.sim.inject({ match: { customerId: A }, fault: { kind: 'status', status: 429, retryAfterSeconds: 57 } });
      const { body } = await gw.query(PROFILE);
      expect(body.errors!.map((e) => [e.extensions!.code, e.extensions!.retryAfter])).toEqual([['THROTTLED', 57]]);
      expect(gw.upstream()).toHaveLength(1);
    });
    await withGateway({ env: { ...FAST, REQUEST_DEADLINE_MS: '800' } }, async (gw) => {
      gw.sim.inject({ match: { customerId: A }, fault: { kind: 'status', status: 429, retryAfterSeconds: 1 } });
      const { body } = await gw.query(PROFILE);
      expect(body.errors!.map((e) => e.extensions!.code)).toEqual(['THROTTLED']);
      expect(gw.upstream()).toHaveLength(1);
    });
  });

  it('does not wait twice: a second 429 is the answer', async () => {
    await withGateway({ env: FAST }, async (gw) => {
      gw.sim.inject({ match: { customerId: A }, fault: { kind: 'status', status: 429, retryAfterSeconds: 1 } });
      const { body } = await gw.query(PROFILE);
      expect(body.errors!.map((e) => e.extensions!.code)).toEqual(['THROTTLED']);
      expect(gw.upstream()).toHaveLength(2);
    });
  });
});

describe('circuit breaker', () => {
  it('opens after repeated failures, fails fast with no call, reports not ready, probes and closes', async () => {
    // Long enough that the checks made while it is open fit in it on a busy machine.
    const env = { ...FAST, UPSTREAM_RETRIES: '0', UPSTREAM_BREAKER_MIN_CALLS: '3', UPSTREAM_BREAKER_HALF_OPEN_MS: '2000' };
    await withGateway({ env }, async (gw) => {
      const remove = gw.sim.inject({ match: { customerId: A }, fault: { kind: 'status', status: 503, shape: 'gateway' } });
      for (let i = 0; i < 3; i += 1) await gw.query(PROFILE);
      expect(gw.upstream()).toHaveLength(3);

      gw.resetUpstream();
      const fast = await gw.query(`{ customer(id: "${B}") { companyProfile { companyName } } }`);
      expect(fast.body.errors!.map((e) => e.extensions!.code)).toEqual(['UPSTREAM_UNAVAILABLE']);
      expect(gw.upstream()).toHaveLength(0);
      const ready = await request(`${gw.url}/ready`);
      expect([ready.statusCode, await ready.body.json()]).toEqual([503, { status: 'not ready', draining: false, upstream: 'failing' }]);

      remove();
      await eventually(async () => (await request(`${gw.url}/ready`).then(async (r) => (await r.body.dump(), r.statusCode))) === 200, 'the half-open time');
      const probe = await gw.query(PROFILE);
      expect(probe.body.errors).toBeUndefined();
      const after = await gw.query(`{ customer(id: "${B}") { companyProfile { companyName } } }`);
      expect(after.body.errors).toBeUndefined();
    });
  });

  it('opens on a burst of failures after healthy traffic and an idle spell longer than the window', async () => {
    const env = { ...FAST, UPSTREAM_RETRIES: '0', UPSTREAM_BREAKER_MIN_CALLS: '10', UPSTREAM_BREAKER_WINDOW_MS: '3000' };
    await withGateway({ env }, async (gw) => {
      for (let i = 0; i < 30; i += 1) expect((await gw.query(PROFILE)).body.errors).toBeUndefined();
      // The window is what is under test: the healthy calls must have left it (3 s of wall-clock time, idle).
      await sleep(3100);
      gw.sim.inject({ match: { customerId: A }, fault: { kind: 'status', status: 503, shape: 'gateway' } });
      gw.resetUpstream();
      for (let i = 0; i < 10; i += 1) {
        expect((await gw.query(PROFILE)).body.errors!.map((e) => e.extensions!.code)).toEqual(['UPSTREAM_ERROR']);
      }
      expect(gw.upstream()).toHaveLength(10);
      const fast = await gw.query(PROFILE);
      expect(fast.body.errors!.map((e) => e.extensions!.code)).toEqual(['UPSTREAM_UNAVAILABLE']);
      expect(gw.upstream()).toHaveLength(10);
    });
  });
});

describe('limits in time and space', () => {
  it('answers at the request deadline with what has arrived plus UPSTREAM_TIMEOUT for the rest', async () => {
    // Long enough for the healthy call to arrive on a busy machine; the hanging one waits it out.
    await withGateway({ env: { REQUEST_DEADLINE_MS: '1500', UPSTREAM_TIMEOUT_MS: '10000' } }, async (gw) => {
      gw.sim.inject({ match: { customerId: B }, fault: { kind: 'hang' } });
      const { body } = await gw.query(`{ a: customer(id: "${A}") { companyProfile { companyName } } b: customer(id: "${B}") { companyProfile { companyName } } }`);
      expect(body.data).toEqual({ a: { companyProfile: { companyName: expect.any(String) } }, b: { companyProfile: null } });
      expect(body.errors!.map((e) => [e.path, e.extensions!.code])).toEqual([[['b', 'companyProfile'], 'UPSTREAM_TIMEOUT']]);
    });
  });

  it('caps upstream calls process-wide and fails fast when the queue is full', async () => {
    const env = { UPSTREAM_MAX_CONCURRENT: '2', UPSTREAM_MAX_QUEUED: '0', UPSTREAM_BREAKER_MIN_CALLS: '1000000' };
    await withGateway({ env, simulator: { latencyMs: 50 } }, async (gw) => {
      const ids = gw.sim.data.customers.slice(0, 5).map((r) => r.customer.id);
      gw.sim.resetPeak();
      const { body } = await gw.query(`query($ids: [ID!]!) { customers(ids: $ids) { orders { id } } }`, { ids });
      expect(body.errors!.map((e) => e.extensions!.code)).toEqual(['UPSTREAM_UNAVAILABLE', 'UPSTREAM_UNAVAILABLE', 'UPSTREAM_UNAVAILABLE']);
      expect(gw.upstream()).toHaveLength(2);
      expect(gw.sim.peakInFlight).toBe(2);
    });
  });

  it('every call the process-wide cap admits has a connection: the pool defaults to UPSTREAM_MAX_CONCURRENT', async () => {
    // 100 calls at once under a cap of 100: with the old fixed pool of 64, 36 of them waited inside undici.
    const env = { UPSTREAM_MAX_CONCURRENT: '100', UPSTREAM_SINGLE_FLIGHT: 'false', OPERATION_SINGLE_FLIGHT: 'false' };
    await withGateway({ env }, async (gw) => {
      const ids = gw.sim.data.customersOf(DEFAULT_PARTNER_ID).slice(0, 25).map((r) => r.customer.id);
      expect(ids).toHaveLength(25);
      const open = gate(gw, { path: /\/orders$/ }, 100);
      // Four callers (tokens) asking the same 25 customers' orders: 100 calls, none shared.
      const pending = [1, 2, 3, 4].map((n) =>
        gw.query(`query($ids: [ID!]!) { customers(ids: $ids) { orders { id } } }`, { ids }, { authorization: `Bearer pool-${n}` }),
      );
      await eventually(() => gw.sim.inFlight === 100, '100 upstream calls in flight at once');
      open();
      for (const { body } of await Promise.all(pending)) expect(body.errors).toBeUndefined();
      expect(gw.upstream()).toHaveLength(100);
      expect(gw.sim.peakInFlight).toBe(100);
    });
  });

  it('aborts the upstream calls of a caller that went away', async () => {
    await withGateway({ env: { UPSTREAM_TIMEOUT_MS: '30000' } }, async (gw) => {
      gw.sim.inject({ match: { customerId: A }, fault: { kind: 'hang' } });
      const controller = new AbortController();
      const pending = request(`${gw.url}/graphql`, {
        method: 'POST',
        signal: controller.signal,
        headers: { 'content-type': 'application/json', authorization: TOKEN },
        body: JSON.stringify({ query: PROFILE }),
      }).catch((error: unknown) => error);
      await gw.sim.waitForRequests(1);
      expect(gw.sim.inFlight).toBe(1);
      controller.abort();
      await pending;
      await eventually(() => gw.sim.inFlight === 0, 'the upstream call to be aborted');
    });
  });
});
