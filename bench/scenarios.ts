/**
 * The four load scenarios of issue 6. Each request body is built per request, so tokens can differ:
 * a new token per request means no two requests share a caller, so a cross-request single-flight (keyed by
 * the caller, as it must be) can merge nothing there, and only the hot customer shows what it saves.
 */

export interface Fixtures {
  /** Ordinary generated customers (about 20 orders each), at least 25. */
  ordinary: readonly string[];
  /** The 2,000-order customer. */
  big: string;
}

export interface Scenario {
  name: 'canonical' | 'fan-out' | 'fan-out-unloaded' | 'hot-customer' | 'big-customer' | 'big-customer-unloaded';
  /** Always this many connections, whatever the options say (the unloaded fan-out: one client). */
  connections?: number;
  /** One line for the report. */
  description: string;
  /** Upstream calls one request needs: the distinct resources it reads. */
  distinctResources: number;
  /** Whether the hand-written baseline serves it (canonical and fan-out only). */
  baseline: boolean;
  /** A new request each call: body and Authorization. */
  next(): { body: string; authorization: string };
}

const ORDERS = 'orders(billingCycle: MONTHLY) { id lineItems { offerId } }';
const CANONICAL = `query Canonical($id: ID!) { customer(id: $id) { id ${ORDERS} } }`;
const FAN_OUT = `query FanOut($ids: [ID!]!) { customers(ids: $ids) { id ${ORDERS} } }`;
const BIG = 'query BigCustomer($id: ID!) { customer(id: $id) { id orders { id lineItems { offerId } } } }';
export const FAN_OUT_SIZE = 25;

function body(operationName: string, query: string, variables: Record<string, unknown>): string {
  return JSON.stringify({ operationName, query, variables });
}

/** `Bearer bench-<n>`: the simulator lets any bearer token act as the default partner. */
function tokens(prefix: string): () => string {
  let n = 0;
  return () => `Bearer bench-${prefix}-${n++}`;
}

export function scenarios(fixtures: Fixtures): Scenario[] {
  const { ordinary, big } = fixtures;
  if (ordinary.length < FAN_OUT_SIZE) throw new Error(`the simulator has only ${ordinary.length} ordinary customers`);
  const canonicalToken = tokens('canonical');
  const fanOutToken = tokens('fan-out');
  const bigToken = tokens('big');
  const fanOutBody = body('FanOut', FAN_OUT, { ids: ordinary.slice(0, FAN_OUT_SIZE) });
  const hotBody = body('Canonical', CANONICAL, { id: ordinary[0] });
  const bigBody = body('BigCustomer', BIG, { id: big });
  let turn = 0;
  return [
    {
      name: 'canonical',
      description: `one customer's MONTHLY orders and their lines' offerId; customers rotate over ${ordinary.length}, a new token per request`,
      distinctResources: 1,
      baseline: true,
      next: () => ({ body: body('Canonical', CANONICAL, { id: ordinary[turn++ % ordinary.length] }), authorization: canonicalToken() }),
    },
    {
      name: 'fan-out',
      description: `customers(ids:) with ${FAN_OUT_SIZE} ids, the same selection; a new token per request`,
      distinctResources: FAN_OUT_SIZE,
      baseline: true,
      next: () => ({ body: fanOutBody, authorization: fanOutToken() }),
    },
    {
      name: 'fan-out-unloaded',
      description: `the fan-out query from one client at a time: the latency a frontend sees when the gateway is not saturated`,
      distinctResources: FAN_OUT_SIZE,
      baseline: true,
      connections: 1,
      next: () => ({ body: fanOutBody, authorization: fanOutToken() }),
    },
    {
      name: 'hot-customer',
      description: 'the canonical query for one customer with one token from every client at once',
      distinctResources: 1,
      baseline: false,
      next: () => ({ body: hotBody, authorization: 'Bearer bench-hot' }),
    },
    {
      name: 'big-customer',
      description: 'all orders (2,000) of the big customer with their lines; a new token per request',
      distinctResources: 1,
      baseline: false,
      next: () => ({ body: bigBody, authorization: bigToken() }),
    },
    {
      name: 'big-customer-unloaded',
      description: 'the big customer from one client at a time: the event-loop block of serving it alone',
      distinctResources: 1,
      baseline: false,
      connections: 1,
      next: () => ({ body: bigBody, authorization: bigToken() }),
    },
  ];
}
