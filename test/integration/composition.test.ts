import { readFileSync } from 'node:fs';
import { composeServices as apolloCompose } from '@apollo/composition';
import { composeServices as guildCompose } from '@theguild/federation-composition';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { CRM_TYPE_DEFS } from '../../examples/federation/crm-subgraph.js';
import { SUBGRAPH_FILE } from '../../scripts/print-schema.js';

/**
 * partner-graph beside neighbours written as other teams write them: their own Relay PageInfo, Address, Product
 * entity and BillingCycle enum (none @shareable), a progressive @override of one of its fields, a @provides of
 * one. Each set is composed by both composers routers use: @apollo/composition (Apollo Router, rover, Apollo
 * Gateway) and @theguild/federation-composition (Hive Gateway).
 */
const LINK = (imports: string[]) => `extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: [${imports.map((i) => `"${i}"`).join(', ')}])`;

const NEIGHBOURS: Record<string, string> = {
  relay: `${LINK(['@key'])}
    type PageInfo { hasNextPage: Boolean! hasPreviousPage: Boolean! startCursor: String endCursor: String pageSize: Int }
    type Ticket @key(fields: "id") { id: ID! title: String }
    type TicketEdge { cursor: String! node: Ticket! }
    type TicketConnection { edges: [TicketEdge!]! pageInfo: PageInfo! }
    type Query { tickets(first: Int, after: String): TicketConnection! }`,
  shipping: `${LINK(['@key'])}
    type Address { street: String! zip: String! country: String! }
    type Warehouse @key(fields: "id") { id: ID! address: Address! }
    type Query { warehouses: [Warehouse!]! }`,
  storefront: `${LINK(['@key'])}
    type Product @key(fields: "upc") { upc: ID! name: String! price: Int! }
    type Sku { code: String! }
    type Query { topProducts(first: Int = 5): [Product!]! }`,
  subscriptions: `${LINK(['@key'])}
    enum BillingCycle { WEEKLY FORTNIGHTLY }
    enum OrderStatus { OPEN SHIPPED }
    type Plan @key(fields: "id") { id: ID! cycle: BillingCycle! }
    type Query { plans(cycle: BillingCycle): [Plan!]! orderStatuses: [OrderStatus!]! }`,
  // Moves Customer.associatedPartnerId out of partner-graph for 10 % of requests (progressive override, 2.7).
  partners: `${LINK(['@key', '@override'])}
    type Customer @key(fields: "id") { id: ID! associatedPartnerId: String @override(from: "partner-graph", label: "percent(10)") }`,
  // Lists recent orders and provides their creation date with the reference, sparing the fetch (a router skips partner-graph for it).
  feed: `${LINK(['@key', '@external', '@provides'])}
    type Order @key(fields: "customerId id") { customerId: ID! id: ID! referenceCustomerId: String @external }
    type Query { recentOrders: [Order!]! @provides(fields: "referenceCustomerId") }`,
};

const partnerGraph = () => ({ name: 'partner-graph', typeDefs: parse(readFileSync(SUBGRAPH_FILE, 'utf8')), url: 'http://partner-graph/graphql' });
const neighbour = (name: string) => ({ name, typeDefs: parse(NEIGHBOURS[name]!), url: `http://${name}/graphql` });

function composeWithBoth(names: string[]) {
  const services = [partnerGraph(), { name: 'crm', typeDefs: CRM_TYPE_DEFS, url: 'http://crm/graphql' }, ...names.map(neighbour)];
  const apollo = apolloCompose(services);
  const guild = guildCompose(services);
  return {
    errors: { apollo: apollo.errors?.map((e) => e.message) ?? [], guild: guild.errors?.map((e) => e.message) ?? [] },
    sdl: { apollo: apollo.errors ? '' : apollo.supergraphSdl, guild: guild.supergraphSdl ?? '' },
  };
}

describe('partner-graph composes beside any subgraph, in both composers', () => {
  for (const name of Object.keys(NEIGHBOURS)) {
    it(`beside ${name}`, () => {
      const { errors } = composeWithBoth([name]);
      expect(errors).toEqual({ apollo: [], guild: [] });
    });
  }

  it('beside all of them at once, keeping its cost and auth metadata in the supergraph', () => {
    const { errors, sdl } = composeWithBoth(Object.keys(NEIGHBOURS));
    expect(errors).toEqual({ apollo: [], guild: [] });
    for (const supergraph of [sdl.apollo, sdl.guild]) {
      const line = (field: string) => supergraph.split('\n').find((l) => l.trimStart().startsWith(`${field}:`)) ?? '';
      expect(line('provisioningStatus').match(/@(authenticated|cost\(weight: \d+\)|listSize\(assumedSize: \d+\))/g)?.sort()).toEqual(['@authenticated', '@cost(weight: 100)', '@listSize(assumedSize: 4)']);
      // Its enum and the neighbour's live side by side.
      expect(supergraph).toMatch(/enum BillingCycle\s/);
      expect(supergraph).toMatch(/enum PartnerCenterBillingCycle\s/);
      expect(line('associatedPartnerId')).toMatch(/override: "partner-graph".*overrideLabel: "percent\(10\)"/);
    }
  });
});
