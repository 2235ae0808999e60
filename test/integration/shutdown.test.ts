import { Pool, request } from 'undici';
import { describe, expect, it } from 'vitest';
import { SEED_004_CUSTOMER_ID } from '../../src/simulator/constants.js';
import { startGateway, TOKEN, type TestGateway, withGateway } from '../support/gateway.js';
import { eventually, gate } from '../support/waiting.js';

describe('graceful shutdown', () => {
  it('turns not ready, finishes in-flight requests, closes pools and then refuses connections', async () => {
    let openGate!: () => void;
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    await withGateway({ simulator: { latencyMs: 250 }, beforeDrain: () => gate }, async (gw) => {
      const inFlight = gw.query(`{ customer(id: "${SEED_004_CUSTOMER_ID}") { orders(billingCycle: ONE_TIME) { id } } }`);
      await gw.sim.waitForRequests(1); // the request is inside the gateway, waiting on Partner Center

      const shutdown = gw.lifecycle.shutdown('SIGTERM');
      expect(gw.lifecycle.ready()).toBe(false);
      const ready = await request(`${gw.url}/ready`);
      expect(ready.statusCode).toBe(503);
      expect(await ready.body.json()).toEqual({ status: 'not ready', draining: true, upstream: 'ok' });

      openGate(); // the load balancer has noticed: drain
      const response = await inFlight;
      expect(response.status).toBe(200);
      expect(response.body.data).toEqual({
        customer: { orders: [{ id: '9qg-ErcO-4MPbPqq_3MIQaS7bn8W6HfG1' }, { id: 's-BZlr_TeGksPNT61SsWRL-sqMaKbyVa1' }] },
      });
      await shutdown;
      await expect(request(`${gw.url}/health`)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
      expect(gw.logs.map((l) => l.msg).filter((m) => m === 'shutting down' || m === 'stopped')).toEqual(['shutting down', 'stopped']);
    });
  });
});

/** What a crowd of keep-alive clients saw across a shutdown. */
interface CrowdReport {
  /** Requests answered, by status. */
  statuses: Record<number, number>;
  /** Answers that said Connection: close. */
  closing: number;
  /** Requests that were sent and got no answer (reset, empty reply): must be none. */
  failures: string[];
  /** Connections refused once the listener closed: the request was never sent, so nothing was lost. */
  refused: number;
}

/** Identical for every client, so one execution (or its lingering result) answers many: cheap, and a gate on its one upstream call holds them all. */
const ORDERS = JSON.stringify({ query: `{ customer(id: "${SEED_004_CUSTOMER_ID}") { orders(billingCycle: ONE_TIME) { id } } }` });

interface Crowd {
  /** Resolves once every client has stopped. */
  report: Promise<CrowdReport>;
  /** The same figures, as they grow. */
  live: CrowdReport;
  /** Each client stops after its current request, as a load balancer that has seen /ready turn 503. */
  stop(): void;
  pool: Pool;
}

/**
 * `clients` loops, each sending one request after another over one Pool of `clients` keep-alive connections
 * (pipelining 1, no retries), until a connection is refused or `stop()`. `onAnswer` sees every answer as it arrives.
 */
function crowd(url: string, clients: number, onAnswer: () => void): Crowd {
  const pool = new Pool(url, { connections: clients, pipelining: 1 });
  const report: CrowdReport = { statuses: {}, closing: 0, failures: [], refused: 0 };
  let stopped = false;
  const loop = async () => {
    while (!stopped) {
      try {
        const response = await pool.request({
          path: '/graphql',
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: TOKEN },
          body: ORDERS,
        });
        await response.body.text();
        report.statuses[response.statusCode] = (report.statuses[response.statusCode] ?? 0) + 1;
        if (response.headers.connection === 'close') report.closing++;
        onAnswer();
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (code === 'ECONNREFUSED') report.refused++;
        else report.failures.push(`${code}: ${(error as Error).message}`);
        return;
      }
    }
  };
  return { report: Promise.all(Array.from({ length: clients }, loop)).then(() => report), live: report, stop: () => (stopped = true), pool };
}

/**
 * Holds the clients' first requests at a simulator gate until the gateway has accepted one connection per client,
 * then lets them all go. A connection still in the listen backlog when the listener closes is reset by the kernel
 * before the gateway ever sees it (what SHUTDOWN_DELAY_MS is for), so the drain starts with none there.
 */
async function everyConnectionOpen(gw: TestGateway, open: () => void): Promise<void> {
  await eventually(async () => (await gw.connections()) === 200, 'one connection per client', 60_000);
  open();
}

describe('shutdown under 200 keep-alive clients loses no request', () => {
  const CLIENTS = 200;
  // yoga's debug lines for thousands of requests cost more than the requests.
  const QUIET = { LOG_LEVEL: 'info' };

  it('SHUTDOWN_DELAY_MS=0: in-flight and next requests are answered with Connection: close, none is reset', { timeout: 120_000 }, async () => {
    const gw = await startGateway({ env: QUIET });
    const open = gate(gw, { customerId: SEED_004_CUSTOMER_ID }, 1);
    let answered = 0;
    const { report, pool } = crowd(gw.url, CLIENTS, () => answered++);
    try {
      await everyConnectionOpen(gw, open);
      // Mid-loop: some connections with a request in flight, some between an answer and the next request.
      await eventually(() => answered >= 2 * CLIENTS, 'two answers per client');
      const shutdown = gw.lifecycle.shutdown('SIGTERM');
      const seen = await report;
      await shutdown;
      // Before: 101 requests reset by closing keep-alive connections under their clients.
      expect(seen.failures).toEqual([]);
      expect(Object.keys(seen.statuses)).toEqual(['200']);
      expect(seen.closing).toBeGreaterThan(0);
      expect(seen.refused).toBe(CLIENTS);
      // The log tells each answer as it was sent: one 200 line per answer the clients got.
      const lines = gw.logs.filter((l) => l.msg === 'graphql request');
      expect(lines.length).toBe(seen.statuses[200]);
      expect(lines.every((l) => (l.graphql as { status: number }).status === 200)).toBe(true);
    } finally {
      await pool.destroy();
      await gw.close();
    }
  });

  it('SHUTDOWN_DELAY_MS>0: while not ready, every client is moved to a new connection; none is refused or reset', { timeout: 120_000 }, async () => {
    let answeredAfterShutdown = 0;
    let draining = false;
    let openDelay!: () => void;
    const delay = new Promise<void>((resolve) => (openDelay = resolve));
    const gw = await startGateway({ env: QUIET, beforeDrain: () => delay });
    const open = gate(gw, { customerId: SEED_004_CUSTOMER_ID }, 1);
    const { report, live, stop, pool } = crowd(gw.url, CLIENTS, () => {
      if (draining) answeredAfterShutdown++;
    });
    try {
      await everyConnectionOpen(gw, open);
      draining = true;
      const shutdown = gw.lifecycle.shutdown('SIGTERM');
      const ready = await request(`${gw.url}/ready`);
      expect(ready.statusCode).toBe(503);
      await ready.body.dump();
      // Twice as many answers as clients while not ready: each closed its connection and the client opened another.
      await eventually(() => answeredAfterShutdown >= 2 * CLIENTS, 'two answers per client during the delay', 60_000);
      expect([live.refused, live.failures]).toEqual([0, []]);
      // The load balancer has noticed: traffic stops, then the delay ends and the drain closes what is left.
      stop();
      const seen = await report;
      openDelay();
      await shutdown;
      expect(seen.failures).toEqual([]);
      expect(seen.refused).toBe(0);
      expect(Object.keys(seen.statuses)).toEqual(['200']);
      expect(seen.closing).toBeGreaterThanOrEqual(answeredAfterShutdown - CLIENTS);
      const lines = gw.logs.filter((l) => l.msg === 'graphql request');
      expect(lines.length).toBe(seen.statuses[200]);
    } finally {
      openDelay();
      await pool.destroy();
      await gw.close();
    }
  });
});

describe('a request still in flight when SHUTDOWN_GRACE_MS ends', () => {
  it('is answered 503 SHUTTING_DOWN with its correlation id, and logged so (it was an empty reply logged 200)', async () => {
    const gw = await startGateway({ env: { SHUTDOWN_GRACE_MS: '100' } });
    const open = gate(gw, { customerId: SEED_004_CUSTOMER_ID }, 1);
    try {
      const inFlight = gw.query(`query CutByGrace { customer(id: "${SEED_004_CUSTOMER_ID}") { orders(billingCycle: ONE_TIME) { id } } }`);
      await gw.sim.waitForRequests(1);
      const shutdown = gw.lifecycle.shutdown('SIGTERM');
      const response = await inFlight;
      const correlationId = response.headers['ms-correlationid'];
      expect(response.status).toBe(503);
      expect(response.headers.connection).toBe('close');
      expect(response.body).toEqual({
        errors: [{ message: 'The gateway is shutting down; send the request again.', extensions: { code: 'SHUTTING_DOWN', correlationId } }],
      });
      await shutdown;
      // The pool is closed: the execution ends (its upstream call aborted) and yoga's own answer is not logged.
      await eventually(() => gw.logs.some((l) => l.msg === 'upstream call' && l.correlationId === correlationId), 'the aborted upstream call');
      await new Promise((resolve) => setImmediate(resolve));
      expect(gw.logs.filter((l) => l.msg === 'graphql request' && l.correlationId === correlationId)).toMatchObject([
        { graphql: { status: 503, outcome: 'error', errorCodes: ['SHUTTING_DOWN'] } },
      ]);
    } finally {
      open();
      await gw.close();
    }
  });
});
