import { readFileSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { request } from 'undici';
import { parse as parseYaml } from 'yaml';
import { loadConfig } from '../../src/config.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CRM_TYPE_DEFS, startCrmSubgraph, type CrmRecord } from '../../examples/federation/crm-subgraph.js';
import { FORWARDED_HEADERS } from '../../examples/federation/forwarded-headers.js';
import { gatewayConfig, hiveGatewayOptions } from '../../examples/federation/gateway.config.js';
import { startHiveGateway } from '../../examples/federation/hive-gateway.js';
import { startSupergraphGateway, type SubgraphLocation } from '../../examples/federation/supergraph-gateway.js';
import { SUBGRAPH_FILE } from '../../scripts/print-schema.js';
import { withoutAuthenticated } from '../../src/schema/index.js';
import { BIG_CUSTOMER_ID, BIG_CUSTOMER_ORDER_COUNT, DEFAULT_PARTNER_ID, SEED_000_CUSTOMER_ID, SEED_004_CUSTOMER_ID } from '../../src/simulator/constants.js';
import { dataOf } from '../support/data-of.js';
import { startOrderFeedSubgraph } from '../support/order-feed-subgraph.js';
import { TOKEN } from '../support/gateway.js';
import { useGateway } from '../support/shared-gateway.js';

describe('composition', () => {
  it('partner-graph composes with a subgraph that extends Customer (a schema change that breaks this fails here)', () => {
    const result = composeServices([
      { name: 'partner-graph', typeDefs: parse(readFileSync(SUBGRAPH_FILE, 'utf8')), url: 'http://partner-graph/graphql' },
      { name: 'crm', typeDefs: CRM_TYPE_DEFS, url: 'http://crm/graphql' },
    ]);
    expect(result.errors?.map((e) => e.message)).toBeUndefined();
    expect(result.supergraphSdl).toContain('crmNote: String');
    expect(result.supergraphSdl).toMatch(/type Order\s[^{]*@join__type\(graph: PARTNER_GRAPH, key: "customerId id"\)/);
  });
});

interface Router {
  name: string;
  /** partner-graph's settings under this router. */
  env: Record<string, string>;
  start(subgraphs: SubgraphLocation[]): Promise<{ url: string; stop(): Promise<void> }>;
}

const ROUTERS: Router[] = [
  // Apollo Gateway (JS) refuses a supergraph that links the authenticated spec (a SECURITY feature it lacks).
  { name: 'Apollo Gateway', env: { FEDERATION_AUTHENTICATED: 'false' }, start: (subgraphs) => startSupergraphGateway(subgraphs) },
  // Hive Gateway, over a supergraph composed by @theguild/federation-composition, with gateway.config.ts's options.
  { name: 'Hive Gateway', env: {}, start: (subgraphs) => startHiveGateway(subgraphs) },
];

describe.each(ROUTERS)('through a real $name', (router) => {
  const gw = useGateway({ env: router.env });
  let crm: Awaited<ReturnType<typeof startCrmSubgraph>>;
  let supergraph: Awaited<ReturnType<Router['start']>>;
  let flagged: string[];
  let feed: Awaited<ReturnType<typeof startOrderFeedSubgraph>>;
  let bigOrders: { customerId: string; id: string }[];

  beforeAll(async () => {
    const big = await gw.query(`{ customer(id: "${BIG_CUSTOMER_ID}") { orders { id } } }`);
    bigOrders = (dataOf(big).customer as { orders: { id: string }[] }).orders.map((o) => ({ customerId: BIG_CUSTOMER_ID, id: o.id }));
    feed = await startOrderFeedSubgraph(bigOrders);
    const generated = gw.sim.data.customersOf(DEFAULT_PARTNER_ID).find((r) => ![SEED_000_CUSTOMER_ID, SEED_004_CUSTOMER_ID].includes(r.customer.id))!;
    flagged = [SEED_004_CUSTOMER_ID, SEED_000_CUSTOMER_ID, generated.customer.id];
    const records = new Map<string, CrmRecord>(flagged.map((id, i) => [id, { note: `note ${i}`, accountManager: `manager ${i}` }]));
    crm = await startCrmSubgraph(records);
    supergraph = await router.start([
      { name: 'partner-graph', url: `${gw.url}/graphql` },
      { name: 'crm', url: crm.url },
      { name: 'feed', url: feed.url },
    ]);
  }, 30_000);
  afterAll(async () => {
    await supergraph?.stop();
    await feed?.stop();
    await crm?.stop();
  });

  async function query(text: string, headers: Record<string, string> = {}) {
    const response = await request(supergraph.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: TOKEN, ...headers },
      body: JSON.stringify({ query: text }),
    });
    return (await response.body.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
  }

  it('is given the subgraph SDL FEDERATION_AUTHENTICATED asks for', async () => {
    const { body } = await gw.query('{ _service { sdl } }');
    const sdl = (dataOf(body)._service as { sdl: string }).sdl;
    const file = readFileSync(SUBGRAPH_FILE, 'utf8');
    expect(sdl.trim()).toBe((router.env.FEDERATION_AUTHENTICATED === 'false' ? withoutAuthenticated(file) : file).trim());
    expect(sdl).toContain('@cost(weight: 100)');
  });

  it(`fetches a ${BIG_CUSTOMER_ORDER_COUNT}-order customer's orders from partner-graph's _entities in one request, served by one list call`, async () => {
    const body = await query('{ recentOrders { id billingCycle } }');
    expect(body.errors).toBeUndefined();
    const orders = body.data!.recentOrders as { id: string; billingCycle: string | null }[];
    expect(orders.map((o) => o.id)).toEqual(bigOrders.map((o) => o.id));
    expect(orders.every((o) => typeof o.billingCycle === 'string')).toBe(true);
    expect(gw.upstream().map((c) => c.path)).toEqual([`/v1/customers/${BIG_CUSTOMER_ID}/orders`]);
  });

  it('crosses from the CRM into partner-graph: one call per distinct Partner Center resource', async () => {
    const body = await query(`{ flaggedCustomers { id crmNote companyProfile { companyName } orders(billingCycle: ONE_TIME) { id } } }`);
    expect(body.errors).toBeUndefined();
    const customers = body.data!.flaggedCustomers as { id: string; crmNote: string; companyProfile: { companyName: string }; orders: { id: string }[] }[];
    expect(customers.map((c) => [c.id, c.crmNote])).toEqual(flagged.map((id, i) => [id, `note ${i}`]));
    expect(customers[0]!.orders.map((o) => o.id)).toEqual(['9qg-ErcO-4MPbPqq_3MIQaS7bn8W6HfG1', 's-BZlr_TeGksPNT61SsWRL-sqMaKbyVa1']);
    expect(customers[0]!.companyProfile.companyName).toBe(gw.sim.data.findCustomer(SEED_004_CUSTOMER_ID)!.customer.companyProfile.companyName);
    const calls = gw.upstream().map((c) => `${c.path}${c.query.billingType ? `?billingType=${c.query.billingType}` : ''}`).sort();
    expect(calls).toEqual(flagged.flatMap((id) => [`/v1/customers/${id}`, `/v1/customers/${id}/orders?billingType=OneTime`]).sort());
  });

  it('crosses from partner-graph into the CRM and forwards the caller token and correlation id', async () => {
    const correlationId = 'c2a9e1f0-7b3d-4e5a-9c8b-1d2e3f4a5b6c';
    const body = await query(`{ customer(id: "${SEED_004_CUSTOMER_ID}") { id accountManager orders { id } } }`, { 'ms-correlationid': correlationId });
    expect(body.errors).toBeUndefined();
    expect(body.data!.customer).toMatchObject({ id: SEED_004_CUSTOMER_ID, accountManager: 'manager 0' });
    const calls = gw.upstream();
    expect(calls.map((c) => c.path)).toEqual([`/v1/customers/${SEED_004_CUSTOMER_ID}/orders`]);
    expect(calls[0]!.headers.authorization).toBe(TOKEN);
    expect(calls[0]!.headers['ms-correlationid']).toBe(correlationId);
  });
});

describe('router configs under examples/federation (Apollo Router and rover cannot run here: checked as files)', () => {
  const file = (name: string) => parseYaml(readFileSync(new URL(`../../examples/federation/${name}`, import.meta.url), 'utf8')) as Record<string, any>;

  it('router.yaml forwards authorization, ms-correlationid and traceparent to every subgraph, and no other header', () => {
    const router = file('router.yaml');
    expect(router.headers.all.request).toEqual(FORWARDED_HEADERS.map((named) => ({ propagate: { named } })));
    expect(Object.keys(router.headers)).toEqual(['all']);
  });

  it('router.yaml lets partner-graph\'s coded errors through, verifies the token @authenticated needs, enforces the published cost at MAX_QUERY_COST', () => {
    const router = file('router.yaml');
    expect(router.include_subgraph_errors).toEqual({ subgraphs: { 'partner-graph': true } });
    expect(router.authentication.router.jwt).toMatchObject({ header_name: 'authorization', header_value_prefix: 'Bearer' });
    expect(router.authorization.directives.enabled).toBe(true);
    expect(router.demand_control).toEqual({ enabled: true, mode: 'enforce', strategy: { static_estimated: { list_size: 10, max: loadConfig({}).limits.maxCost } } });
    // Longer than partner-graph's own deadline, so partner-graph answers partial data rather than being cut off.
    expect(Number.parseInt(router.traffic_shaping.subgraphs['partner-graph'].timeout, 10) * 1000).toBeGreaterThan(loadConfig({}).requestDeadlineMs);
  });

  it('supergraph.yaml composes on Federation 2.9 from the committed subgraph.graphql and the compose services\' URLs', () => {
    const supergraph = file('supergraph.yaml');
    expect(supergraph.federation_version).toMatch(/^=2\.9\.\d+$/);
    expect(supergraph.subgraphs['partner-graph']).toEqual({ routing_url: 'http://gateway:4000/graphql', schema: { file: '../../subgraph.graphql' } });
    expect(readFileSync(new URL('../../examples/federation/../../subgraph.graphql', import.meta.url), 'utf8')).toContain('federation/v2.9');
    expect(supergraph.subgraphs.crm).toEqual({ routing_url: 'http://crm-subgraph:4020/', schema: { subgraph_url: 'http://crm-subgraph:4020/' } });
  });

  it('gateway.config.ts (Hive Gateway) reads supergraph.graphql and forwards exactly the same headers', async () => {
    expect((gatewayConfig as { supergraph?: unknown }).supergraph).toBe('./supergraph.graphql');
    const request = new Request('http://router/graphql', { headers: { authorization: 'Bearer t', 'ms-correlationid': 'c', traceparent: 'p', cookie: 'no' } });
    expect(await hiveGatewayOptions.propagateHeaders.fromClientToSubgraphs({ request })).toEqual({ authorization: 'Bearer t', 'ms-correlationid': 'c', traceparent: 'p' });
  });
});
