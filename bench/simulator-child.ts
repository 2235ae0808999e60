/**
 * The Partner Center simulator in a process of its own (forked by run.ts with IPC), so its CPU is not taken
 * from the gateway's measurements. It answers a few IPC messages instead of serving its request log over HTTP:
 * a benchmark makes hundreds of thousands of calls, and the log would grow without bound and be far too big
 * to ship as JSON. So the log is folded into a counter four times a second and emptied.
 */
import {
  BIG_CUSTOMER_ID, createSimulator, DEFAULT_PARTNER_ID, type RecordedRequest,
} from '../src/simulator/simulator.js';
import type { SimulatorCommand, SimulatorReply, UpstreamCall } from './simulator-protocol.js';

const sim = createSimulator({ rateLimit: false, latencyMs: 0 });
const server = await sim.listen(0, '127.0.0.1');
let calls = 0;
let captured: UpstreamCall[] | undefined;

function fold(): void {
  for (const request of sim.requests) {
    if (!request.path.startsWith('/v1/')) continue;
    calls += 1;
    captured?.push(pick(request));
  }
  sim.clearRequests();
}

function pick(request: RecordedRequest): UpstreamCall {
  const { headers } = request;
  return {
    url: request.url,
    authorization: headers.authorization ?? '',
    correlationId: headers['ms-correlationid'] ?? '',
    requestId: headers['ms-requestid'] ?? '',
    application: headers['ms-partnercenter-application'] ?? '',
    accept: headers.accept ?? '',
  };
}

setInterval(fold, 250);

process.on('message', (message: SimulatorCommand) => {
  fold();
  const reply = (body: SimulatorReply): void => void process.send?.({ ...body, id: message.id });
  switch (message.type) {
    case 'latency':
      sim.setLatency(message.ms);
      return reply({ type: 'ok' });
    case 'count':
      return reply({ type: 'count', calls });
    case 'capture':
      captured = [];
      return reply({ type: 'ok' });
    case 'captured': {
      const calls = captured ?? [];
      captured = undefined;
      return reply({ type: 'captured', calls });
    }
  }
});

// The generated customers are ordinary (about 20 orders, no quirks): the fixed ones each exist to be odd.
const fixed = new Set(sim.data.customers.slice(0, sim.data.customers.length - sim.data.customerCount).map((c) => c.customer.id));
const ordinary = sim.data.customersOf(DEFAULT_PARTNER_ID).map((c) => c.customer.id).filter((id) => !fixed.has(id));
// Builds the 2,000 orders now rather than during the first measured request.
void sim.data.findCustomer(BIG_CUSTOMER_ID)?.orders.length;
process.send?.({ type: 'ready', url: server.url, ordinary, big: BIG_CUSTOMER_ID } satisfies SimulatorReply);
process.on('disconnect', () => void server.close().then(() => process.exit(0)));
