/**
 * An example second subgraph: a CRM that extends partner-graph's Customer entity with a note and an
 * account manager, and lists the customers it flags. Used by the federation tests and by the
 * docker-compose `federation` profile.
 */
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';

export interface CrmRecord {
  note: string;
  accountManager: string;
}

const typeDefs = parse(/* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key"])

  "A customer as the CRM knows it; partner-graph owns everything else about it."
  type Customer @key(fields: "id") {
    id: ID!
    "Free-text note from the account team."
    crmNote: String
    "Who looks after the customer."
    accountManager: String
  }

  type Query {
    "Customers the CRM has flagged for follow-up."
    flaggedCustomers: [Customer!]!
  }
`);

export function crmSubgraphSchema(records: ReadonlyMap<string, CrmRecord>) {
  return buildSubgraphSchema({
    typeDefs,
    resolvers: {
      Query: { flaggedCustomers: () => [...records.keys()].map((id) => ({ id })) },
      Customer: {
        __resolveReference: (reference: { id: string }) => ({ id: reference.id }),
        crmNote: (customer: { id: string }) => records.get(customer.id)?.note ?? null,
        accountManager: (customer: { id: string }) => records.get(customer.id)?.accountManager ?? null,
      },
    },
  });
}

export const CRM_TYPE_DEFS = typeDefs;

/** Starts the CRM subgraph; `port` 0 picks a free one. */
export async function startCrmSubgraph(records: ReadonlyMap<string, CrmRecord>, port = 0, host = '127.0.0.1') {
  const server = new ApolloServer({ schema: crmSubgraphSchema(records) });
  const { url } = await startStandaloneServer(server, { listen: { port, host } });
  return { url, stop: () => server.stop() };
}
