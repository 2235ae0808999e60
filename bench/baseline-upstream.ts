/**
 * What the baseline and the yoga floor share: the upstream calls of the canonical and fan-out queries, made the
 * way the gateway makes them (Authorization forwarded, the caller's MS-CorrelationId, a new MS-RequestId per
 * call, MS-PartnerCenter-Application, the same pool), shaped into the JSON the gateway answers.
 * Reads the gateway's variable names so `--env` tunes all three alike.
 */
import { randomUUID } from 'node:crypto';
import { Agent, request } from 'undici';

const env = process.env;
const origin = new URL(env.PARTNER_CENTER_URL ?? 'http://127.0.0.1:4010').origin;
const concurrency = Number(env.UPSTREAM_CONCURRENCY_PER_REQUEST ?? 25);
const timeoutMs = Number(env.UPSTREAM_TIMEOUT_MS ?? 10_000);
const application = env.PARTNER_CENTER_APPLICATION ?? 'partner-graph';
// As main.ts builds its pool.
// The gateway's default pool: as many connections as its bulkhead admits calls (UPSTREAM_MAX_CONCURRENT, 128).
export const agent = new Agent({ connections: Number(env.UPSTREAM_CONNECTIONS ?? env.UPSTREAM_MAX_CONCURRENT ?? 128), keepAliveTimeout: 30_000 });

export interface Caller {
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

export async function customer(caller: Caller, id: string): Promise<unknown> {
  return { id, orders: await monthlyOrders(caller, id) };
}

/** Distinct ids fetched at most `concurrency` at a time, answered in the order asked. */
export async function customers(caller: Caller, ids: string[]): Promise<unknown[]> {
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

export async function execute(caller: Caller, body: { operationName?: string; variables?: Record<string, unknown> }): Promise<unknown> {
  const variables = body.variables ?? {};
  if (body.operationName === 'Canonical') return { customer: await customer(caller, String(variables.id)) };
  if (body.operationName === 'FanOut') return { customers: await customers(caller, (variables.ids as unknown[]).map(String)) };
  throw new Error(`the baseline does not know operation ${body.operationName}`);
}

