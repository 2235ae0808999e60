import { mkdirSync, writeFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Agent, request } from 'undici';
import { describe, expect, it } from 'vitest';
import type { FaultRule } from '../../src/simulator/faults.js';
import { DEFAULT_PARTNER_ID, FOREIGN_CUSTOMER_ID } from '../../src/simulator/constants.js';
import { startGateway, TOKEN } from '../support/gateway.js';

/**
 * A bounded soak: mixed queries from concurrent clients while faults come and go upstream. Every
 * answer must be a GraphQL response with expected codes only; the heap must not grow without bound.
 * SOAK_SECONDS sets the length (20 in CI; `npm run soak` runs 600). Figures go to test-artifacts/soak.json.
 */
const SECONDS = Number(process.env.SOAK_SECONDS ?? (process.env.CI ? 20 : 15));
const WORKERS = 16;
const EXPECTED = new Set(['NOT_FOUND', 'FORBIDDEN', 'THROTTLED', 'UPSTREAM_ERROR', 'UPSTREAM_TIMEOUT', 'UPSTREAM_UNAVAILABLE', 'BAD_USER_INPUT']);
const FAULTS: FaultRule['fault'][] = [
  { kind: 'status', status: 500, shape: 'standard', code: 800003 },
  { kind: 'status', status: 429, retryAfterSeconds: 30 },
  { kind: 'reset' },
  { kind: 'hang' },
  { kind: 'malformed-json' },
  { kind: 'latency', ms: 50 },
];

/** Heap in use after a full collection, so the comparison measures what is kept, not GC timing. */
function heapAfterGc(): number {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  return process.memoryUsage().heapUsed;
}

/** mulberry32: the same mix on every run. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('soak', () => {
  it(`${SECONDS} s of mixed queries with faults: only expected errors, stable memory`, async () => {
    const gw = await startGateway({
      // LOG_LEVEL error: the harness keeps every log line, and this measures the gateway's memory.
      env: { LOG_LEVEL: 'error', UPSTREAM_TIMEOUT_MS: '1000', REQUEST_DEADLINE_MS: '5000', UPSTREAM_RETRY_BASE_DELAY_MS: '1', UPSTREAM_BREAKER_HALF_OPEN_MS: '200', MAX_QUERY_COST: '100000' },
      simulator: { latencyMs: 1, rateLimit: false },
    });
    const client = new Agent({ connections: WORKERS, headersTimeout: 10_000, bodyTimeout: 10_000 });
    const ids = gw.sim.data.customersOf(DEFAULT_PARTNER_ID).map((r) => r.customer.id);
    const next = random(7);
    const pick = () => ids[Math.floor(next() * ids.length)]!;
    const queries = [
      () => `{ customer(id: "${pick()}") { orders(billingCycle: MONTHLY) { id lineItems { offerId } } } }`,
      () => `{ customers(ids: ${JSON.stringify([pick(), pick(), pick(), pick(), FOREIGN_CUSTOMER_ID])}) { id companyProfile { companyName } orders { id } } }`,
      () => `{ customer(id: "${pick()}") { companyProfile { companyName domain } relationshipToPartner orders { status creationDate } } }`,
      () => `{ customer(id: "00000000-1111-4222-8333-444444444444") { id orders { id } } bad: customer(id: "nope") { id } }`,
    ];
    const stats = { requests: 0, codes: {} as Record<string, number>, unexpected: [] as string[], statuses: {} as Record<string, number> };
    const deadline = Date.now() + SECONDS * 1000;
    let heapAfterWarmUp = 0;
    const warmUpAt = Date.now() + Math.min(5000, SECONDS * 200);

    const worker = async () => {
      while (Date.now() < deadline) {
        if (stats.requests % 150 === 0) gw.sim.inject({ match: { customerId: pick() }, times: 20, fault: FAULTS[Math.floor(next() * FAULTS.length)]! });
        if (heapAfterWarmUp === 0 && Date.now() > warmUpAt) heapAfterWarmUp = heapAfterGc();
        const query = queries[Math.floor(next() * queries.length)]!();
        stats.requests += 1;
        const response = await request(`${gw.url}/graphql`, {
          method: 'POST',
          dispatcher: client,
          headers: { 'content-type': 'application/json', authorization: TOKEN },
          body: JSON.stringify({ query }),
        });
        const body = (await response.body.json()) as { errors?: { extensions?: { code?: string } }[] };
        stats.statuses[response.statusCode] = (stats.statuses[response.statusCode] ?? 0) + 1;
        for (const error of body.errors ?? []) {
          const code = error.extensions?.code ?? 'NONE';
          stats.codes[code] = (stats.codes[code] ?? 0) + 1;
          if (!EXPECTED.has(code) && stats.unexpected.length < 10) stats.unexpected.push(`${code} for ${query}`);
        }
        if (stats.requests % 500 === 0) gw.sim.clearRequests(); // the simulator's log is the test's, not the gateway's, memory
      }
    };
    const started = Date.now();
    await Promise.all(Array.from({ length: WORKERS }, worker));
    const elapsed = (Date.now() - started) / 1000;
    const heapAtEnd = heapAfterGc();
    const figures = {
      seconds: Math.round(elapsed),
      workers: WORKERS,
      requests: stats.requests,
      requestsPerSecond: Math.round(stats.requests / elapsed),
      statuses: stats.statuses,
      errorCodes: stats.codes,
      unexpected: stats.unexpected,
      heapAfterWarmUpMB: Math.round(heapAfterWarmUp / 1048576),
      heapAtEndMB: Math.round(heapAtEnd / 1048576),
      rssMB: Math.round(process.memoryUsage().rss / 1048576),
    };
    mkdirSync('test-artifacts', { recursive: true });
    writeFileSync('test-artifacts/soak.json', `${JSON.stringify(figures, null, 2)}\n`);
    await client.close();
    await gw.close();

    expect(stats.unexpected).toEqual([]);
    expect(Object.keys(stats.statuses)).toEqual(['200']);
    expect(stats.requests).toBeGreaterThan(SECONDS * 20);
    // Live heap after warm-up versus the end, both after a full GC: what the run kept.
    expect(figures.heapAtEndMB - figures.heapAfterWarmUpMB).toBeLessThan(32);
  }, (SECONDS + 60) * 1000);
});
