/**
 * The hand-written baseline: what the canonical and fan-out queries cost with no GraphQL at all. node:http
 * and undici, the same upstream calls and headers as the gateway (Authorization forwarded, the caller's or a
 * new MS-CorrelationId, a new MS-RequestId per call, MS-PartnerCenter-Application) and the same JSON out.
 * It knows exactly two operations (by operationName) and only the happy path; the bench checks once that
 * its answers equal the gateway's. Reads the gateway's variable names so `--env` tunes both alike.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent, request } from 'undici';

const env = process.env;
const origin = new URL(env.PARTNER_CENTER_URL ?? 'http://127.0.0.1:4010').origin;
const concurrency = Number(env.UPSTREAM_CONCURRENCY_PER_REQUEST ?? 8);
const timeoutMs = Number(env.UPSTREAM_TIMEOUT_MS ?? 10_000);
const application = env.PARTNER_CENTER_APPLICATION ?? 'partner-graph';
// As main.ts builds its pool.
const agent = new Agent({ connections: Number(env.UPSTREAM_CONNECTIONS ?? 64), keepAliveTimeout: 30_000 });

interface Caller {
  authorization: string;
  correlationId: string;
}

interface OrderJson {
  id?: unknown;
  lineItems?: unknown;
}

async function monthlyOrders(caller: Caller, customerId: string): Promise<unknown> {
  const url = `${origin}/v1/customers/${encodeURIComponent(customerId)}/orders?billingType=Monthly`;
  const response = await request(url, {
    dispatcher: agent,
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    headers: {
      authorization: caller.authorization,
      accept: 'application/json',
      'ms-correlationid': caller.correlationId,
      'ms-requestid': randomUUID(),
      'ms-partnercenter-application': application,
    },
  });
  const text = await response.body.text();
  if (response.statusCode !== 200) throw new Error(`upstream answered ${response.statusCode}`);
  const items = (JSON.parse(text) as { items?: OrderJson[] }).items ?? [];
  // The gateway's Order/OrderLineItem resolvers, for the fields the two queries select.
  return items.map((order) => ({
    id: order.id,
    lineItems: Array.isArray(order.lineItems)
      ? order.lineItems
          .filter((line): line is Record<string, unknown> => line !== null && typeof line === 'object' && !Array.isArray(line))
          .map((line) => ({ offerId: typeof line.offerId === 'string' ? line.offerId : null }))
      : [],
  }));
}

async function customer(caller: Caller, id: string): Promise<unknown> {
  return { id, orders: await monthlyOrders(caller, id) };
}

/** Distinct ids fetched at most `concurrency` at a time, answered in the order asked. */
async function customers(caller: Caller, ids: string[]): Promise<unknown[]> {
  const distinct = [...new Set(ids)];
  const results = new Map<string, unknown>();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < distinct.length) {
      const id = distinct[next++]!;
      results.set(id, await customer(caller, id));
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, distinct.length) }, worker));
  return ids.map((id) => results.get(id));
}

async function execute(caller: Caller, body: { operationName?: string; variables?: Record<string, unknown> }): Promise<unknown> {
  const variables = body.variables ?? {};
  if (body.operationName === 'Canonical') return { customer: await customer(caller, String(variables.id)) };
  if (body.operationName === 'FanOut') return { customers: await customers(caller, (variables.ids as unknown[]).map(String)) };
  throw new Error(`the baseline does not know operation ${body.operationName}`);
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const authorization = req.headers.authorization ?? '';
  const header = req.headers['ms-correlationid'];
  const correlationId = typeof header === 'string' && header !== '' ? header : randomUUID();
  res.setHeader('ms-correlationid', correlationId);
  if (!authorization.startsWith('Bearer ')) return send(res, 401, { errors: [{ message: 'no token' }] });
  try {
    const data = await execute({ authorization, correlationId }, JSON.parse(Buffer.concat(chunks).toString('utf8')));
    send(res, 200, { data });
  } catch (error) {
    send(res, 502, { errors: [{ message: error instanceof Error ? error.message : String(error) }] });
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/graphql-response+json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

const server = createServer((req, res) => void handle(req, res).catch(() => res.destroy()));
// Keep-alive as the gateway's server.ts sets it, so connection reuse is alike.
server.keepAliveTimeout = 65_000;
server.listen(Number(env.PORT ?? 0), env.HOST ?? '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`baseline listening http://127.0.0.1:${port}/graphql\n`);
});
process.once('SIGTERM', () => {
  server.close(() => void agent.close().then(() => process.exit(0)));
  server.closeAllConnections();
});
