import { readFileSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { request } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CRM_TYPE_DEFS, startCrmSubgraph, type CrmRecord } from '../../examples/federation/crm-subgraph.js';
import { startSupergraphGateway } from '../../examples/federation/supergraph-gateway.js';
import { SUBGRAPH_FILE } from '../../scripts/print-schema.js';
import { withoutAuthenticated } from '../../src/schema/index.js';
import { DEFAULT_PARTNER_ID, SEED_000_CUSTOMER_ID, SEED_004_CUSTOMER_ID } from '../../src/simulator/constants.js';
import { startGateway, TOKEN, type TestGateway } from '../support/gateway.js';

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

describe('through a real Apollo Gateway', () => {
  let gw: TestGateway;
  let crm: Awaited<ReturnType<typeof startCrmSubgraph>>;
  let supergraph: Awaited<ReturnType<typeof startSupergraphGateway>>;
  let flagged: string[];

  beforeAll(async () => {
    // Apollo Gateway (JS) refuses a supergraph that links the authenticated spec (a SECURITY feature it lacks).
    gw = await startGateway({ env: { FEDERATION_AUTHENTICATED: 'false' } });
    const generated = gw.sim.data.customersOf(DEFAULT_PARTNER_ID).find((r) => ![SEED_000_CUSTOMER_ID, SEED_004_CUSTOMER_ID].includes(r.customer.id))!;
    flagged = [SEED_004_CUSTOMER_ID, SEED_000_CUSTOMER_ID, generated.customer.id];
    const records = new Map<string, CrmRecord>(flagged.map((id, i) => [id, { note: `note ${i}`, accountManager: `manager ${i}` }]));
    crm = await startCrmSubgraph(records);
    supergraph = await startSupergraphGateway([
      { name: 'partner-graph', url: `${gw.url}/graphql` },
      { name: 'crm', url: crm.url },
    ]);
  }, 30_000);
  afterAll(async () => {
    await supergraph?.stop();
    await crm?.stop();
    await gw?.close();
  });
  beforeEach(() => gw.resetUpstream());

  async function query(text: string, headers: Record<string, string> = {}) {
    const response = await request(supergraph.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: TOKEN, ...headers },
      body: JSON.stringify({ query: text }),
    });
    return (await response.body.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
  }

  it('serves the subgraph SDL without @authenticated when FEDERATION_AUTHENTICATED=false, otherwise unchanged', async () => {
    const { body } = await gw.query('{ _service { sdl } }');
    const sdl = (body.data!._service as { sdl: string }).sdl;
    expect(sdl).not.toContain('@authenticated');
    expect(sdl.trim()).toBe(withoutAuthenticated(readFileSync(SUBGRAPH_FILE, 'utf8')).trim());
    expect(sdl).toContain('@cost(weight: 100)');
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
