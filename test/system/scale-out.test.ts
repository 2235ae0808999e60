import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_000_CUSTOMER_ID, SEED_004_CUSTOMER_ID } from '../../src/simulator/constants.js';
import { createSimulator, type Simulator } from '../../src/simulator/simulator.js';
import { dataOf } from '../support/data-of.js';
import { startNginx, type Nginx } from '../support/nginx.js';
import { startReplica, stopReplicas, type Replica } from '../support/processes.js';
import { startRedis, type RedisServer } from '../support/redis.js';

/**
 * Three replicas behind Debian's nginx (deploy/nginx.conf's proxying), sharing Debian's redis-server:
 * what the compose `scale` profile and a Kubernetes Deployment run, on loopback.
 */
const BUDGET = 30;
const A = SEED_004_CUSTOMER_ID;
const B = SEED_000_CUSTOMER_ID;

let redis: RedisServer;
let sim: Simulator;
let simUrl: string;
let closeSim: () => Promise<void>;
let replicas: Replica[];
let lb: Nginx;

interface Answer {
  status: number;
  body: { data?: Record<string, unknown> | null; errors?: { extensions?: Record<string, unknown> }[] };
}

async function post(url: string, payload: object, token: string): Promise<Answer> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(payload),
  });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

const calls = (token: string) => sim.requests.filter((r) => r.path.startsWith('/v1/') && r.headers.authorization === `Bearer ${token}`);

beforeAll(async () => {
  redis = await startRedis();
  sim = createSimulator();
  const server = await sim.listen(0, '127.0.0.1');
  simUrl = server.url;
  closeSim = () => server.close();
  const env = {
    PARTNER_CENTER_URL: simUrl,
    REDIS_URL: redis.url,
    CURSOR_SECRET: 'a-cursor-secret-every-replica-shares-0123456789',
    PARTNER_BUDGET_PER_MINUTE: String(BUDGET),
    GATEWAY_REPLICAS: '3',
    // Every request its own calls, so the counts below are exact (sharing would answer more than it calls).
    OPERATION_SINGLE_FLIGHT: 'false',
    UPSTREAM_SINGLE_FLIGHT: 'false',
    SHUTDOWN_DELAY_MS: '0',
    // What is under test is the counting; a busy test machine must not turn slow answers into fallbacks.
    REDIS_COMMAND_TIMEOUT_MS: '10000',
  };
  replicas = await Promise.all([startReplica(env), startReplica(env), startReplica(env)]);
  lb = await startNginx(replicas.map((r) => r.url));
}, 120_000);

afterAll(async () => {
  await lb?.stop();
  await stopReplicas();
  await closeSim?.();
  await redis?.stop();
});

describe('three replicas behind nginx, sharing Redis', () => {
  it('a customerList cursor made by one replica pages on another', async () => {
    const list = 'query($after: String) { customerList(first: 2, after: $after) { edges { node { id } } pageInfo { endCursor hasNextPage } } }';
    const first = await post(replicas[0]!.url, { query: list }, 'cursor-token');
    const page = dataOf(first).customerList as { edges: { node: { id: string } }[]; pageInfo: { endCursor: string } };
    const next = await post(replicas[1]!.url, { query: list, variables: { after: page.pageInfo.endCursor } }, 'cursor-token');
    expect(next.body.errors).toBeUndefined();
    const ids = (next.body.data!.customerList as { edges: { node: { id: string } }[] }).edges.map((e) => e.node.id);
    expect(ids.length).toBe(2);
    expect(ids).not.toContain(page.edges[0]!.node.id);
  });

  it('a persisted query registered on one replica is found by the others', async () => {
    const query = `query Profile { customer(id: "${A}") { id } }`;
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const extensions = { persistedQuery: { version: 1, sha256Hash } };
    expect((await post(replicas[0]!.url, { query, extensions }, 'apq-token')).body.errors).toBeUndefined();
    for (const replica of replicas.slice(1)) {
      const byHash = await post(replica.url, { extensions }, 'apq-token');
      expect(byHash.body).toEqual({ data: { customer: { id: A } } });
    }
  });

  it(`the partner budget holds across replicas: ${BUDGET * 3} requests through nginx, ${BUDGET} calls reach Partner Center`, async () => {
    const token = 'budget-token';
    const answers: Answer[] = [];
    for (let wave = 0; wave < 9; wave += 1) {
      answers.push(...(await Promise.all(Array.from({ length: 10 }, (_, i) => post(lb.url, { query: `{ customer(id: "${(wave + i) % 2 ? A : B}") { companyProfile { companyName } } }` }, token)))));
    }
    expect(calls(token).length).toBe(BUDGET);
    const codes = answers.map((a) => (a.body.errors?.[0]?.extensions?.code as string | undefined) ?? 'ok');
    expect(codes.filter((c) => c === 'ok').length).toBe(BUDGET);
    expect(codes.filter((c) => c === 'THROTTLED').length).toBe(BUDGET * 2);
    for (const answer of answers.filter((a) => a.body.errors)) {
      expect(answer.body.errors![0]!.extensions!.retryAfter).toBeGreaterThan(0);
    }
  });

  it("a 429 from Partner Center drains the partner's budget on every replica", async () => {
    const token = 'drained-token';
    sim.inject({ match: { customerId: A }, fault: { kind: 'status', status: 429, retryAfterSeconds: 40 }, times: 1 });
    const query = (id: string) => ({ query: `{ customer(id: "${id}") { companyProfile { companyName } } }` });
    expect((await post(replicas[0]!.url, query(A), token)).body.errors?.[0]?.extensions?.code).toBe('THROTTLED');
    for (const replica of replicas.slice(1)) {
      const answer = await post(replica.url, query(B), token);
      expect(answer.body.errors?.[0]?.extensions?.code).toBe('THROTTLED');
      expect(answer.body.errors![0]!.extensions!.retryAfter).toBeGreaterThan(35);
    }
    expect(calls(token).length).toBe(1);
  });

  it('Redis going away costs callers nothing: each replica falls back to its own state, and says so', async () => {
    await redis.kill();
    const answers = await Promise.all(Array.from({ length: 6 }, () => post(lb.url, { query: `{ customer(id: "${B}") { companyProfile { companyName } } }` }, 'no-redis-token')));
    expect(answers.map((a) => [a.status, a.body.errors])).toEqual(Array.from({ length: 6 }, () => [200, undefined]));
    expect(replicas.some((r) => r.lines.some((line) => line.includes('Redis unavailable')))).toBe(true);
    await redis.restart();
  });

  // Sessions made on one replica and used on another: test/system/session-replicas.test.ts (AUTH_MODE=session).

  it('SIGTERM to one replica under load loses no request', async () => {
    const query = { query: `{ customer(id: "${A}") { id } }` };
    let stopped: Promise<number | null> | undefined;
    const results = await Promise.all(
      Array.from({ length: 20 }, async (_, worker) => {
        const mine: Answer[] = [];
        for (let i = 0; i < 15; i += 1) {
          if (worker === 0 && i === 5) stopped = replicas[1]!.stop();
          mine.push(await post(lb.url, query, 'load-token'));
        }
        return mine;
      }),
    );
    const all = results.flat();
    expect(all.length).toBe(300);
    expect(all.filter((a) => a.status !== 200 || a.body.errors).length).toBe(0);
    expect(await stopped).toBe(0);
  });
});
