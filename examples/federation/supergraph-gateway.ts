/**
 * An example supergraph: Apollo Gateway composing partner-graph with other subgraphs at start-up
 * (IntrospectAndCompose reads each one's `_service { sdl }`), forwarding the caller's Authorization
 * and MS-CorrelationId to every subgraph so partner-graph can call Partner Center on its behalf.
 */
import { ApolloGateway, IntrospectAndCompose, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { FORWARDED_HEADERS } from './forwarded-headers.js';

export interface SubgraphLocation {
  name: string;
  url: string;
}

interface GatewayContext {
  headers: Record<string, string | string[] | undefined>;
}


export async function startSupergraphGateway(subgraphs: SubgraphLocation[], port = 0, host = '127.0.0.1') {
  const gateway = new ApolloGateway({
    supergraphSdl: new IntrospectAndCompose({ subgraphs }),
    buildService: ({ url }) =>
      new RemoteGraphQLDataSource<GatewayContext>({
        url,
        willSendRequest({ request, context }) {
          for (const name of FORWARDED_HEADERS) {
            const value = context.headers?.[name];
            if (typeof value === 'string') request.http?.headers.set(name, value);
          }
        },
      }),
  });
  const server = new ApolloServer<GatewayContext>({ gateway });
  const { url } = await startStandaloneServer(server, {
    listen: { port, host },
    context: async ({ req }) => ({ headers: req.headers }),
  });
  return { url, stop: () => server.stop() };
}
