import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_000_CUSTOMER_ID, SEED_004_CUSTOMER_ID } from '../../src/simulator/constants.js';
import { onPath } from '../support/executables.js';
import { startGateway, type TestGateway } from '../support/gateway.js';
import { scrape, type Scrape } from '../support/prometheus.js';
import { eventually, gate } from '../support/waiting.js';

const A = SEED_004_CUSTOMER_ID;
const B = SEED_000_CUSTOMER_ID;
const PROFILE = (id: string, name: string) => `query ${name} { customer(id: "${id}") { companyProfile { companyName } } }`;

/** `promtool check metrics` over `text` on stdin: its exit code and everything it printed. */
function promtoolCheck(binary: string, text: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = execFile(binary, ['check', 'metrics'], { timeout: 15_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, output: `${stdout}${stderr}` });
    });
    child.stdin!.end(text);
  });
}

const value = (metrics: Scrape, name: string, labels: Record<string, string> = {}) =>
  metrics.samples(name).find((s) => Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;

describe('upstream gauges, folded router names and the exposition format', () => {
  let gw: TestGateway;
  let final: Scrape;
  beforeAll(async () => {
    // Breaker: may open from 3 calls on, and stays open for the rest of the test.
    gw = await startGateway({ env: { UPSTREAM_RETRIES: '0', UPSTREAM_BREAKER_MIN_CALLS: '3', UPSTREAM_BREAKER_HALF_OPEN_MS: '600000' } });
  });
  afterAll(() => gw.close());

  it('reports the calls on the wire while Partner Center holds one, and none after', async () => {
    const open = gate(gw, { customerId: A }, 1);
    const pending = gw.query(PROFILE(A, 'Held'));
    await eventually(async () => value(await scrape(gw.url), 'partner_center_requests_in_flight') === 1, 'one call in flight');
    const held = await scrape(gw.url);
    expect(held.samples('partner_center_requests_in_flight')).toEqual([{ labels: {}, value: 1 }]);
    open();
    expect((await pending).body.errors).toBeUndefined();
    expect((await scrape(gw.url)).samples('partner_center_requests_in_flight')).toEqual([{ labels: {}, value: 0 }]);
  });

  it("folds a router's fetch names (Op__partner_graph__1, __2) into one label value per operation", async () => {
    for (const name of ['Op__partner_graph__1', 'Op__partner_graph__2', 'Op__partner_graph__17']) {
      expect((await gw.query(PROFILE(A, name))).body.errors).toBeUndefined();
    }
    const metrics = await scrape(gw.url);
    const routed = metrics.samples('graphql_operations_total').filter((s) => s.labels.operation_name!.startsWith('Op__'));
    expect(routed).toEqual([{ labels: { operation_name: 'Op__partner_graph__N', operation_type: 'query' }, value: 3 }]);
  });

  it('reports the breaker closed, then open after repeated failures', async () => {
    const states = (metrics: Scrape) => Object.fromEntries(metrics.samples('partner_center_circuit_breaker_state').map((s) => [s.labels.state, s.value]));
    expect(states(await scrape(gw.url))).toEqual({ closed: 1, open: 0, half_open: 0 });
    gw.sim.inject({ match: { customerId: B }, fault: { kind: 'status', status: 503, shape: 'gateway' } });
    // 4 answered calls so far: at the 50 % failure rate, the 4th failure opens it.
    for (let i = 0; i < 4; i += 1) expect((await gw.query(PROFILE(B, 'Failing'))).body.errors!.map((e) => e.extensions!.code)).toEqual(['UPSTREAM_ERROR']);
    expect((await gw.query(PROFILE(B, 'Failing'))).body.errors!.map((e) => e.extensions!.code)).toEqual(['UPSTREAM_UNAVAILABLE']);
    final = await scrape(gw.url);
    expect(states(final)).toEqual({ closed: 0, open: 1, half_open: 0 });
  });

  const promtool = onPath('promtool');
  if (promtool || process.env.CI) {
    it('passes `promtool check metrics` with nothing to report, on a real scrape', async () => {
      expect(promtool, 'promtool is not on PATH; install Debian\'s prometheus package').toBeDefined();
      expect(final.text).toContain('operation_name="');
      expect(await promtoolCheck(promtool!, final.text)).toEqual({ code: 0, output: '' });
    });
  } else {
    console.warn('promtool.test: promtool not on PATH, so `promtool check metrics` was not run (CI installs it)');
  }
});
