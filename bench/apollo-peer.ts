/**
 * The Apollo peer: what a TypeScript team would write first. Apollo Server 5 (standalone) with an SDL schema and a
 * RESTDataSource subclass made per request (Authorization and the caller's or a new MS-CorrelationId forwarded, a new
 * MS-RequestId per call), everything at its defaults (node-fetch, its per-request GET deduplication and HTTP cache).
 * It answers the bench's four queries exactly as the gateway does; the bench checks that before measuring.
 */
import { randomUUID } from 'node:crypto';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { RESTDataSource, type AugmentedRequest } from '@apollo/datasource-rest';
import { PEER_TYPE_DEFS } from './peer-schema.js';

const env = process.env;
const origin = new URL(env.PARTNER_CENTER_URL ?? 'http://127.0.0.1:4010').origin;
const application = env.PARTNER_CENTER_APPLICATION ?? 'partner-graph';

interface Caller {
  authorization: string;
  correlationId: string;
}

interface OrderJson {
  id?: unknown;
  lineItems?: unknown;
}

class PartnerCenterApi extends RESTDataSource {
  override baseURL = `${origin}/v1/`;

  constructor(private readonly caller: Caller) {
    super();
  }

  override willSendRequest(_path: string, request: AugmentedRequest): void {
    request.headers.authorization = this.caller.authorization;
    request.headers.accept = 'application/json';
    request.headers['ms-correlationid'] = this.caller.correlationId;
    request.headers['ms-requestid'] = randomUUID();
    request.headers['ms-partnercenter-application'] = application;
  }

  async orders(customerId: string, billingType?: string): Promise<OrderJson[]> {
    const params: Record<string, string> = billingType ? { billingType } : {};
    const page = await this.get<{ items?: OrderJson[] }>(`customers/${encodeURIComponent(customerId)}/orders`, { params });
    return page.items ?? [];
  }
}

interface Context {
  dataSources: { partnerCenter: PartnerCenterApi };
}

/** The .NET SDK's spelling, as the gateway sends it. */
const BILLING_TYPE: Record<string, string> = { MONTHLY: 'Monthly', ANNUAL: 'Annual' };

const typeDefs = PEER_TYPE_DEFS;

const resolvers = {
  Query: {
    customer: (_: unknown, { id }: { id: string }) => ({ id }),
    customers: (_: unknown, { ids }: { ids: string[] }) => ids.map((id) => ({ id })),
  },
  Customer: {
    orders: ({ id }: { id: string }, { billingCycle }: { billingCycle?: string }, { dataSources }: Context) =>
      dataSources.partnerCenter.orders(id, billingCycle ? BILLING_TYPE[billingCycle] : undefined),
  },
  Order: {
    lineItems: (order: OrderJson) =>
      Array.isArray(order.lineItems) ? order.lineItems.filter((line) => line !== null && typeof line === 'object' && !Array.isArray(line)) : [],
  },
  LineItem: {
    offerId: (line: { offerId?: unknown }) => (typeof line.offerId === 'string' ? line.offerId : null),
  },
};

const server = new ApolloServer<Context>({ typeDefs, resolvers });
const { url } = await startStandaloneServer(server, {
  listen: { port: Number(env.PORT ?? 0), host: env.HOST ?? '127.0.0.1' },
  context: async ({ req, res }) => {
    const header = req.headers['ms-correlationid'];
    const correlationId = typeof header === 'string' && header !== '' ? header : randomUUID();
    res.setHeader('ms-correlationid', correlationId);
    return { dataSources: { partnerCenter: new PartnerCenterApi({ authorization: req.headers.authorization ?? '', correlationId }) } };
  },
});
process.stdout.write(`apollo-peer listening ${new URL('graphql', url).href}\n`);
process.once('SIGTERM', () => void server.stop().then(() => process.exit(0)));
