import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';

/** A neighbour that lists order references only: a router fetches everything else about them from partner-graph's `_entities`. */
const typeDefs = parse(/* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key"])
  type Order @key(fields: "customerId id", resolvable: false) {
    customerId: ID!
    id: ID!
  }
  type Query {
    recentOrders: [Order!]!
  }
`);

export async function startOrderFeedSubgraph(orders: readonly { customerId: string; id: string }[]) {
  const schema = buildSubgraphSchema({ typeDefs, resolvers: { Query: { recentOrders: () => orders } } });
  const server = new ApolloServer({ schema });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  return { url, stop: () => server.stop() };
}
