/**
 * The yoga floor: graphql-yoga with its defaults, a two-type schema written in SDL, and the baseline's own
 * upstream functions as resolvers. No Pothos, no DataLoader, no resilience, no plugins of ours. It answers the
 * canonical and fan-out queries byte for byte as the gateway does, and shows what the mandated server stack
 * costs before any of the gateway's own work: the gateway cannot be cheaper than this.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSchema, createYoga } from 'graphql-yoga';
import { agent, customer, customers, type Caller } from './baseline-upstream.js';
import { PEER_TYPE_DEFS } from './peer-schema.js';

const env = process.env;

const schema = createSchema<{ caller: Caller }>({
  typeDefs: PEER_TYPE_DEFS,
  resolvers: {
    // The upstream call already shaped the orders; the floor only hands them over.
    Query: {
      customer: (_, { id }: { id: string }, { caller }) => customer(caller, id),
      customers: (_, { ids }: { ids: string[] }, { caller }) => customers(caller, ids),
    },
  },
});

const yoga = createYoga({
  schema,
  graphiql: false,
  landingPage: false,
  // yoga at its cheapest: no body-limit stream pipeline (the gateway has its own limit), no multipart parser.
  maxRequestBodySize: false,
  multipart: false,
  context: ({ request }) => ({
    caller: { authorization: request.headers.get('authorization') ?? '', correlationId: request.headers.get('ms-correlationid') || randomUUID() },
  }),
  plugins: [
    {
      onResponse({ request, response }) {
        response.headers.set('ms-correlationid', request.headers.get('ms-correlationid') || randomUUID());
      },
    },
  ],
});

const server = createServer(yoga);
server.keepAliveTimeout = 65_000;
server.listen(Number(env.PORT ?? 0), env.HOST ?? '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`yoga-floor listening http://127.0.0.1:${port}/graphql\n`);
});
process.once('SIGTERM', () => {
  server.close(() => void agent.close().then(() => process.exit(0)));
  server.closeAllConnections();
});
