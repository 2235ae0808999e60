import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIG_CUSTOMER_ID, BIG_CUSTOMER_ORDER_COUNT } from '../../src/simulator/constants.js';
import type { ListeningSimulator } from '../../src/simulator/server.js';
import { createSimulator } from '../../src/simulator/simulator.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CONCURRENT = 40;

let sim: ListeningSimulator;
beforeAll(async () => {
  // Partner Center in this process, the gateway in a child with a small heap: only the gateway's memory counts.
  sim = await createSimulator({ rateLimit: false }).listen(0, '127.0.0.1');
});
afterAll(() => sim.close());

describe('a gateway with a 128 MB heap', () => {
  it(`answers ${CONCURRENT} concurrent requests for the 2,000-order customer whole, without running out of memory`, async () => {
    // Before the large-body budget, every 2.6 MB page was read into the heap as a string (5 MB: two-byte, for
    // its € signs) and parsed into ~15 MB of objects, all at once: forty of them exhausted a 256 MB heap.
    const child = spawn(process.execPath, ['--max-old-space-size=128', '--import', 'tsx', 'src/main.ts'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
        PARTNER_CENTER_URL: sim.url,
        // One 2.6 MB page parsed and held at a time; the others wait as bytes, outside the heap.
        UPSTREAM_LARGE_BODY_BUDGET_BYTES: String(4 * 1024 * 1024),
        // What is under test is memory, not speed: on a busy machine forty of these take longer than the
        // default 15 s deadline, which would answer some of them with UPSTREAM_TIMEOUT and a null customer.
        REQUEST_DEADLINE_MS: '120000',
        UPSTREAM_TIMEOUT_MS: '60000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = once(child, 'exit');
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const match = /"url":"(http:\/\/[^"]+\/graphql)"/.exec(output);
          if (match) resolve(match[1]!);
        });
        child.once('exit', (code) => reject(new Error(`exited with ${code}: ${output.slice(-2000)}`)));
      });
      const query = `query($id: ID!) { customer(id: $id) { orders { id lineItems { offerId } } } }`;
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
        throw new Error(`${String(error)}\n${output.slice(-2000)}`);
      });
      expect(answers).toEqual(Array.from({ length: CONCURRENT }, () => [200, null, BIG_CUSTOMER_ORDER_COUNT]));
      expect(child.exitCode).toBeNull();
    } finally {
      child.kill('SIGTERM');
    }
    const [code] = await exited;
    expect(code).toBe(0);
    expect(output).not.toContain('heap out of memory');
  }, 180_000);
});
