/**
 * The gateway's own CPU per request, in-process (app.fetch, no HTTP server) over a stubbed Partner Center (undici
 * MockAgent answering every orders call with one simulator answer): no network, no simulator, one thread, so the
 * figure holds on a busy machine where req/s does not. Beside it, the yoga floor's (yoga, an SDL schema, the same
 * stubbed call). `npx tsx bench/request-cost.ts [canonical|fan-out] ['ENV=v ...' | floor]...`; ROUNDS (5),
 * REQUESTS (4000), CONCURRENCY (16). Variants are interleaved over the rounds; the median is printed. CPU time
 * still moves with a busy machine; ALLOCATIONS (below) does not.
 */
import { randomUUID } from 'node:crypto';
import { createSchema, createYoga } from 'graphql-yoga';
import { MockAgent, request, type Dispatcher } from 'undici';
import { loadConfig } from '../src/config.js';
import { createGateway } from '../src/app/gateway.js';
import { createLogger } from '../src/observability/logger.js';
import { createSimulator } from '../src/simulator/simulator.js';
import { scenarios as all } from './scenarios.js';
import { PEER_TYPE_DEFS } from './peer-schema.js';

const [scenarioName = 'canonical', ...given] = process.argv.slice(2);
const variants = given.length ? given : [''];
const ROUNDS = Number(process.env.ROUNDS ?? 5);
const REQUESTS = Number(process.env.REQUESTS ?? 4000);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 16);
const ORIGIN = 'http://partner-center.test';

/** One real answer of the simulator for a customer's monthly orders, and the customers to ask for. */
async function fixtures(): Promise<{ body: string; ordinary: string[] }> {
  const sim = createSimulator({ latencyMs: 0, seed: 1, rateLimit: false });
  const server = await sim.listen(0, '127.0.0.1');
  const token = 'Bearer bench';
  const list = (await (await fetch(`${server.url}/v1/customers?size=50`, { headers: { authorization: token } })).json()) as { items: { id: string }[] };
  const ordinary = list.items.map((c) => c.id).slice(5, 30);
  const body = await (await fetch(`${server.url}/v1/customers/${ordinary[0]}/orders?billingType=Monthly`, { headers: { authorization: token } })).text();
  await server.close();
  return { body, ordinary };
}

const { body: ordersBody, ordinary } = await fixtures();
const scenario = all({ ordinary, big: ordinary[0]! }).find((s) => s.name === scenarioName)!;

function stub(): MockAgent {
  const agent = new MockAgent({ connections: 1 });
  agent.disableNetConnect();
  agent.get(ORIGIN).intercept({ path: (path) => path.includes('/orders'), method: 'GET' })
    .reply(200, ordersBody, { headers: { 'content-type': 'application/json; charset=utf-8', 'ms-requestid': randomUUID() } })
    .persist();
  return agent;
}

type Fetch = (request: Request) => Promise<Response>;

function gatewayApp(variant: string, dispatcher: Dispatcher): Fetch {
  const env = Object.fromEntries(variant.split(' ').filter(Boolean).map((pair) => pair.split('=') as [string, string]));
  const config = loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'warn', PARTNER_CENTER_URL: ORIGIN, PARTNER_BUDGET_PER_MINUTE: '0', UPSTREAM_SINGLE_FLIGHT: 'false', OPERATION_SINGLE_FLIGHT: 'false', ...env });
  const { app } = createGateway({ config, logger: createLogger({ level: 'warn' }), baseUrl: ORIGIN, dispatcher });
  return (req) => Promise.resolve(app.fetch(req));
}

/** bench/yoga-floor.ts in-process: yoga at its cheapest, an SDL schema, the call made directly. */
function floorApp(dispatcher: Dispatcher): Fetch {
  const orders = async (authorization: string, id: string) => {
    const response = await request(`${ORIGIN}/v1/customers/${encodeURIComponent(id)}/orders?billingType=Monthly`, {
      dispatcher,
      headers: { authorization, accept: 'application/json', 'ms-correlationid': randomUUID(), 'ms-requestid': randomUUID() },
    });
    const items = ((await response.body.json()) as { items: { id: unknown; lineItems: { offerId?: unknown }[] }[] }).items;
    return items.map((o) => ({ id: o.id, lineItems: o.lineItems.map((l) => ({ offerId: typeof l.offerId === 'string' ? l.offerId : null })) }));
  };
  const schema = createSchema<{ request: Request }>({
    typeDefs: PEER_TYPE_DEFS,
    resolvers: {
      Query: {
        customer: async (_, { id }: { id: string }, { request: r }) => ({ id, orders: await orders(r.headers.get('authorization') ?? '', id) }),
        customers: (_, { ids }: { ids: string[] }, { request: r }) => Promise.all(ids.map(async (id) => ({ id, orders: await orders(r.headers.get('authorization') ?? '', id) }))),
      },
    },
  });
  const yoga = createYoga({ schema, graphiql: false, landingPage: false, maxRequestBodySize: false, multipart: false });
  return (req) => Promise.resolve(yoga.fetch(req));
}

async function run(variant: string): Promise<number> {
  const dispatcher = stub();
  const fetchOne = variant === 'floor' ? floorApp(dispatcher) : gatewayApp(variant, dispatcher);
  const one = async () => {
    const { body, authorization } = scenario.next();
    const response = await fetchOne(new Request('http://localhost/graphql', { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body }));
    const text = await response.text();
    if (response.status !== 200 || text.includes('"errors"')) throw new Error(`${variant}: ${response.status} ${text.slice(0, 300)}`);
  };
  const drive = async (n: number) => {
    let left = n;
    await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
      while (left-- > 0) await one();
    }));
  };
  await drive(REQUESTS / 2); // warm-up: JIT, jit-compiled documents
  const before = process.cpuUsage();
  await drive(REQUESTS);
  const used = process.cpuUsage(before);
  await dispatcher.close();
  return (used.user + used.system) / REQUESTS;
}

interface Sampled {
  selfSize: number;
  children: Sampled[];
}
const allocated = (node: Sampled): number => node.selfSize + node.children.reduce((sum, child) => sum + allocated(child), 0);

/** ALLOCATIONS=file.heapprofile: every allocation of the runs sampled (collected ones too), for where garbage comes from. */
const session = process.env.ALLOCATIONS ? new (await import('node:inspector/promises')).Session() : undefined;
if (session) {
  session.connect();
  await session.post('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true } as never);
}

const results = new Map<string, number[]>(variants.map((v) => [v, []]));
for (let round = 0; round < ROUNDS; round++) for (const v of variants) results.get(v)!.push(await run(v));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
for (const [v, us] of results) {
  console.log(`${(v || '(defaults)').padEnd(50)} median ${median(us).toFixed(0).padStart(5)} µs/request  (${us.map((x) => x.toFixed(0)).join(' ')})`);
}
if (session) {
  const { profile } = (await session.post('HeapProfiler.stopSampling')) as { profile: { head: Sampled } };
  (await import('node:fs')).writeFileSync(process.env.ALLOCATIONS!, JSON.stringify(profile));
  const made = ROUNDS * variants.length * REQUESTS * 1.5;
  console.log(`allocated ≈ ${(allocated(profile.head) / made / 1024).toFixed(1)} kB/request over all variants (warm-ups included)`);
}
