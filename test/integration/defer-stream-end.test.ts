import { SpanKind } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { SEED_004_CUSTOMER_ID, SEED_004_ORDER_IDS } from '../../src/simulator/constants.js';
import { callsOf } from '../support/expected-calls.js';
import type { LogLine } from '../support/gateway.js';
import { openIncremental, type Payload, type Transport } from '../support/incremental.js';
import { scrape, type Sample } from '../support/prometheus.js';
import { useGateway } from '../support/shared-gateway.js';
import { eventually, gate } from '../support/waiting.js';

// An incremental response's log line, metrics and span are written once, at its last payload, with its totals.

const A = SEED_004_CUSTOMER_ID;
const [FIRST, SECOND] = SEED_004_ORDER_IDS;
const HELD = `/v1/customers/${A}/orders/${FIRST}/provisioningstatus`;
const MISSING = `/v1/customers/${A}/orders/${SECOND}/provisioningstatus`;
const DEFERRED = `query Provisioning { customer(id: "${A}") { id orders(billingCycle: ONE_TIME) {
  id
  ... @defer(label: "provisioning") { provisioningStatus { status } }
  lineItems { offerId ... @defer(label: "catalog") { sku { id } product { id } } } } } }`;
/** The order list, two provisioning statuses, two products and two SKUs. */
const ALL_CALLS = 7;
/** The order list and the catalog calls: all but the two provisioning statuses. */
const HELD_OUT = ALL_CALLS - 2;
const TRANSPORTS: Transport[] = ['multipart/mixed', 'text/event-stream'];

const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const gw = useGateway({ tracer: provider.getTracer('defer-stream-end-test') }, { clearFaults: true });
afterAll(() => provider.shutdown());
beforeEach(() => exporter.reset());

const linesOf = (correlationId: string): LogLine[] => gw.logs.filter((l) => l.msg === 'graphql request' && l.correlationId === correlationId);
const spansOf = (correlationId: string) =>
  exporter.getFinishedSpans().filter((s) => s.kind === SpanKind.SERVER && s.attributes['correlation.id'] === correlationId);
const sum = (samples: Sample[], labels: Record<string, string>) =>
  samples.filter((s) => Object.entries(labels).every(([k, v]) => s.labels[k] === v)).reduce((total, s) => total + s.value, 0);
/** The figures this file reads from /metrics. */
async function figures() {
  const metrics = await scrape(gw.url);
  const http = { operation_name: 'Provisioning', operation_type: 'query', status_code: '200' };
  return {
    notFound: sum(metrics.samples('graphql_errors_total'), { code: 'NOT_FOUND' }),
    httpCount: sum(metrics.samples('graphql_http_request_duration_seconds_count'), http),
    httpSeconds: sum(metrics.samples('graphql_http_request_duration_seconds_sum'), http),
  };
}

describe.each(TRANSPORTS)('a deferred provisioning status that 404s, over %s', (accept) => {
  it('is in the one log line, the metrics and the span, written after the last payload with the whole response', async () => {
    const before = await figures();
    const open = gate(gw, { route: 'provisioning', path: HELD }, 1);
    gw.sim.inject({ match: { route: 'provisioning', path: MISSING }, fault: { kind: 'status', status: 404, code: 800007, description: 'Unable to retrieve provisioning information' } });
    const response = await openIncremental(gw, DEFERRED, accept);
    const correlationId = String(response.headers['ms-correlationid']);
    const [first] = await response.payloads(1);
    expect(first!.hasNext).toBe(true);
    const firstAt = performance.now();
    await eventually(() => gw.upstream().some((c) => c.path === HELD), 'the held provisioning call');

    // The response has begun and a deferred call is still held: nothing is written or counted yet.
    expect(linesOf(correlationId)).toEqual([]);
    expect(spansOf(correlationId)).toEqual([]);
    expect(await figures()).toEqual(before);

    const openedAt = performance.now();
    open();
    const payloads = await response.rest();
    expect(payloads.at(-1)!.hasNext).toBe(false);
    const failed = payloads.flatMap((p) => p.incremental ?? []).flatMap((e) => e.errors ?? []);
    expect(failed.map((e) => [e.extensions?.code, e.path])).toEqual([['NOT_FOUND', ['customer', 'orders', 1, 'provisioningStatus']]]);
    expect(callsOf(gw)).toHaveLength(ALL_CALLS);

    const lines = linesOf(correlationId);
    expect(lines).toHaveLength(1);
    expect(lines[0]!.graphql).toEqual({
      operationName: 'Provisioning',
      status: 200,
      durationMs: expect.any(Number),
      upstreamCalls: ALL_CALLS,
      outcome: 'partial',
      errorCodes: ['NOT_FOUND'],
    });
    // Timed to the end: the request began before the first payload arrived and ended after the held call was let go.
    const held = openedAt - firstAt;
    expect((lines[0]!.graphql as { durationMs: number }).durationMs).toBeGreaterThanOrEqual(held);

    const after = await figures();
    expect(after.notFound - before.notFound).toBe(1);
    expect(after.httpCount - before.httpCount).toBe(1);
    expect(after.httpSeconds - before.httpSeconds).toBeGreaterThanOrEqual(held / 1000);

    const spans = spansOf(correlationId);
    expect(spans).toHaveLength(1);
    expect(spans[0]!.attributes).toMatchObject({
      'http.response.status_code': 200,
      'partner_center.calls': ALL_CALLS,
      'graphql.error.codes': ['NOT_FOUND'],
    });
    const upstream = exporter.getFinishedSpans().filter((s) => s.kind === SpanKind.CLIENT && s.parentSpanContext?.spanId === spans[0]!.spanContext().spanId);
    expect(upstream).toHaveLength(ALL_CALLS);
  });

  it('a caller that goes away mid-response gets its one line then, with what the request had done', async () => {
    const open = gate(gw, { route: 'provisioning' }, 2);
    const response = await openIncremental(gw, DEFERRED, accept);
    const correlationId = String(response.headers['ms-correlationid']);
    // The catalog entries have arrived (their four calls answered) and both provisioning calls are held.
    const catalog = (payloads: Payload[]) => payloads.flatMap((p) => p.incremental ?? []).filter((e) => e.label === 'catalog').length;
    for (let n = 1; catalog(await response.payloads(n)) < 2; n++);
    await eventually(() => gw.upstream().filter((c) => c.path.endsWith('/provisioningstatus')).length === 2, 'the held provisioning calls');
    expect(linesOf(correlationId)).toEqual([]);

    response.leave();
    await eventually(() => linesOf(correlationId).length === 1, 'the log line of the request whose caller left');
    expect(linesOf(correlationId)[0]!.graphql).toMatchObject({ operationName: 'Provisioning', status: 200, upstreamCalls: HELD_OUT, errorCodes: [] });
    const [span] = spansOf(correlationId);
    expect(span!.attributes).toMatchObject({ 'partner_center.calls': HELD_OUT, 'graphql.error.codes': [] });
    open();
    // The held calls end too (cancelled): the line and the span were still written once.
    const under = () => exporter.getFinishedSpans().filter((s) => s.kind === SpanKind.CLIENT && s.parentSpanContext?.spanId === span!.spanContext().spanId);
    await eventually(() => under().length === ALL_CALLS, 'the held calls to end');
    expect(linesOf(correlationId)).toHaveLength(1);
    expect(spansOf(correlationId)).toHaveLength(1);
  });
});
