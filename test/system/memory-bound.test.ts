import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIG_CUSTOMER_ID, BIG_CUSTOMER_ORDER_COUNT } from '../../src/simulator/constants.js';
import type { ListeningSimulator } from '../../src/simulator/server.js';
import { createSimulator } from '../../src/simulator/simulator.js';
import { startReplica, stopReplicas } from '../support/processes.js';

const CONCURRENT = 20;

const simulator = createSimulator({ rateLimit: false });
let sim: ListeningSimulator;
beforeAll(async () => {
  // Partner Center in this process, the gateway in a child with a small heap: only the gateway's memory counts.
  sim = await simulator.listen(0, '127.0.0.1');
});
afterAll(async () => {
  await stopReplicas();
  await sim.close();
});

describe('a gateway with a 128 MB heap', () => {
  it(`answers ${CONCURRENT} concurrent requests for the 2,000-order customer whole, without running out of memory`, async () => {
    // Before the large-body budget, every 2.6 MB page was read into the heap as a string (5 MB: two-byte, for
    // its € signs) and parsed into ~15 MB of objects, all at once: forty of them exhausted a 256 MB heap.
    const gateway = await startReplica(
      {
        PARTNER_CENTER_URL: sim.url,
        // One 2.6 MB page parsed and held at a time; the others wait as bytes, outside the heap.
        UPSTREAM_LARGE_BODY_BUDGET_BYTES: String(4 * 1024 * 1024),
        // What is under test is memory, not speed: on a busy machine these take longer than the
        // default 15 s deadline, which would answer some of them with UPSTREAM_TIMEOUT and a null customer.
        REQUEST_DEADLINE_MS: '120000',
        UPSTREAM_TIMEOUT_MS: '60000',
      },
      ['--max-old-space-size=128'],
    );
    let code: number | null;
    try {
      const url = `${gateway.url}/graphql`;
      const query = `query($id: ID!) { customer(id: $id) { orders { id lineItems { offerId } } } }`;
      // Every page held until all are asked for, then sent at once: they overlap whatever the machine's speed.
      let open!: () => void;
      simulator.inject({ fault: { kind: 'gate', open: new Promise<void>((resolve) => (open = resolve)) }, times: CONCURRENT });
      const arrived = simulator.waitForRequests(CONCURRENT).then(() => open());
      const answers = await Promise.all(
        Array.from({ length: CONCURRENT }, async (_, i) => {
          const response = await request(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer memory-${i}` },
            body: JSON.stringify({ query, variables: { id: BIG_CUSTOMER_ID } }),
          });
          const body = (await response.body.json()) as { data?: { customer: { orders: unknown[] } | null }; errors?: unknown[] };
          // Errors first: a null customer must show why, not fail on reading its orders.
          return [response.statusCode, body.errors ?? null, body.data?.customer?.orders.length ?? null];
        }),
      ).catch((error: unknown) => {
        throw new Error(`${String(error)}\n${gateway.output().slice(-2000)}`);
      });
      await arrived;
      expect(answers).toEqual(Array.from({ length: CONCURRENT }, () => [200, null, BIG_CUSTOMER_ORDER_COUNT]));
      // Whether pages waited for the budget depends on how fast this process writes them against how fast the
      // gateway parses them: test/integration/large-bodies.test.ts proves the waiting, with held bodies.
      expect(gateway.child.exitCode).toBeNull();
    } finally {
      code = await gateway.stop();
    }
    expect(code).toBe(0);
    expect(gateway.output()).not.toContain('heap out of memory');
  }, 180_000);
});
