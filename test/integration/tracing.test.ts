import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { SEED_004_CUSTOMER_ID } from '../../src/simulator/constants.js';
import { createTracing } from '../../src/observability/tracing.js';
import { TOKEN, withGateway } from '../support/gateway.js';
import { useGateway } from '../support/shared-gateway.js';
import { gate, logged } from '../support/waiting.js';

const A = SEED_004_CUSTOMER_ID;
const MISSING = '00000000-1111-4222-8333-444444444444';
const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN_ID = '00f067aa0ba902b7';
const TRACEPARENT = `00-${TRACE_ID}-${CALLER_SPAN_ID}-01`;
const TWO_CALLS = `query Both { customer(id: "${A}") { companyProfile { companyName } orders { id } } }`;

// A provider per test file, never registered globally: spans reach only this exporter.
const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const gw = useGateway({ tracer: provider.getTracer('tracing-test') });
afterAll(() => provider.shutdown());
beforeEach(() => exporter.reset());

const operationSpans = () => exporter.getFinishedSpans().filter((s) => s.kind === SpanKind.SERVER);
const upstreamSpans = () => exporter.getFinishedSpans().filter((s) => s.kind === SpanKind.CLIENT);

function onlyOperationSpan(): ReadableSpan {
  const spans = operationSpans();
  expect(spans).toHaveLength(1);
  return spans[0]!;
}

describe('tracing on', () => {
  it('continues the caller trace: one operation span, one child per upstream call, traceparent sent upstream', async () => {
    const response = await gw.query(TWO_CALLS, undefined, { traceparent: TRACEPARENT });
    expect(response.body.errors).toBeUndefined();

    const operation = onlyOperationSpan();
    expect(operation.name).toBe('graphql.operation Both');
    expect(operation.spanContext().traceId).toBe(TRACE_ID);
    expect(operation.parentSpanContext?.spanId).toBe(CALLER_SPAN_ID);
    expect(operation.attributes).toEqual({
      'correlation.id': response.headers['ms-correlationid'],
      'graphql.operation.name': 'Both',
      'graphql.operation.type': 'query',
      'graphql.error.codes': [],
      'http.response.status_code': 200,
      'partner_center.calls': 2,
      // An unverified caller (passthrough without OIDC_ISSUER) is named by a hash of its token, never the token.
      'partner_graph.caller': createHash('sha256').update(TOKEN).digest('base64url').slice(0, 16),
    });

    const calls = upstreamSpans();
    expect(calls.map((s) => s.name).sort()).toEqual(['HTTP GET /v1/customers/{id}', 'HTTP GET /v1/customers/{id}/orders']);
    const requests = gw.upstream();
    expect(requests).toHaveLength(2);
    for (const span of calls) {
      expect(span.spanContext().traceId).toBe(TRACE_ID);
      expect(span.parentSpanContext?.spanId).toBe(operation.spanContext().spanId);
      const sent = requests.find((r) => r.headers['ms-requestid'] === span.attributes['ms.request_id']);
      expect(sent?.headers.traceparent).toBe(`00-${TRACE_ID}-${span.spanContext().spanId}-01`);
      expect(span.attributes).toEqual({
        'http.request.method': 'GET',
        'http.route': span.name.slice('HTTP GET '.length),
        'http.response.status_code': 200,
        'ms.request_id': sent?.headers['ms-requestid'],
        'partner_center.outcome': 'ok',
      });
      expect(span.status.code).toBe(SpanStatusCode.UNSET);
    }
  });

  it('marks a failed upstream call and the operation with the error', async () => {
    const response = await gw.query(`query Missing { customer(id: "${MISSING}") { companyProfile { companyName } } }`, undefined, {
      traceparent: TRACEPARENT,
    });
    expect(response.body.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
    const operation = onlyOperationSpan();
    expect(operation.attributes['graphql.error.codes']).toEqual(['NOT_FOUND']);
    expect(operation.status.code).toBe(SpanStatusCode.ERROR);
    const calls = upstreamSpans();
    expect(calls).toHaveLength(1);
    expect(calls[0]!.attributes).toMatchObject({ 'http.response.status_code': 404, 'partner_center.outcome': 'not-found', 'error.type': '404' });
    expect(calls[0]!.status.code).toBe(SpanStatusCode.ERROR);
  });

  it('starts a new trace when the caller sends no traceparent', async () => {
    await gw.query(TWO_CALLS);
    const operation = onlyOperationSpan();
    expect(operation.parentSpanContext).toBeUndefined();
    expect(operation.spanContext().traceId).not.toBe(TRACE_ID);
    expect(new Set(upstreamSpans().map((s) => s.spanContext().traceId))).toEqual(new Set([operation.spanContext().traceId]));
    expect(gw.upstream().map((r) => r.headers.traceparent?.split('-')[1])).toEqual([operation.spanContext().traceId, operation.spanContext().traceId]);
  });

  it('a request that shared an execution in flight gets its own span, named, marked with whose it shared, with no upstream spans of its own', async () => {
    const open = gate(gw, { customerId: A }, 2);
    const first = gw.query(TWO_CALLS);
    await gw.sim.waitForRequests(2);
    const joinedBefore = gw.logs.filter((l) => l.msg === 'sharing an identical operation in flight').length;
    const second = gw.query(TWO_CALLS);
    await logged(gw, 'sharing an identical operation in flight', joinedBefore + 1);
    open();
    const [a, b] = await Promise.all([first, second]);
    expect(b.body).toEqual(a.body);

    const spans = operationSpans();
    expect(spans.map((s) => s.name)).toEqual(['graphql.operation Both', 'graphql.operation Both']);
    const byId = (r: typeof a) => spans.find((s) => s.attributes['correlation.id'] === r.headers['ms-correlationid'])!;
    expect(byId(a).attributes['graphql.operation.shared_with']).toBeUndefined();
    expect(byId(b).attributes['graphql.operation.shared_with']).toBe(a.headers['ms-correlationid']);
    expect(byId(b).attributes['partner_center.calls']).toBe(0);
    expect(byId(b).attributes['graphql.operation.shared_completed']).toBeUndefined();
    expect(upstreamSpans().map((s) => s.parentSpanContext?.spanId)).toEqual([byId(a).spanContext().spanId, byId(a).spanContext().spanId]);

    // Straight after: the shared result lingers (OPERATION_SINGLE_FLIGHT_LINGER_MS), and the span says so.
    const c = await gw.query(TWO_CALLS);
    expect(c.body).toEqual(a.body);
    const third = operationSpans().find((s) => s.attributes['correlation.id'] === c.headers['ms-correlationid'])!;
    expect([third.name, third.attributes['graphql.operation.shared_with'], third.attributes['graphql.operation.shared_completed']]).toEqual([
      'graphql.operation Both',
      a.headers['ms-correlationid'],
      true,
    ]);
    expect(upstreamSpans()).toHaveLength(2);
  });

  it('makes no span for /health or /metrics', async () => {
    await fetch(`${gw.url}/health`);
    await fetch(`${gw.url}/metrics`);
    expect(exporter.getFinishedSpans()).toEqual([]);
  });
});

describe('tracing off', () => {
  it('sends no traceparent upstream and makes no span, even when the caller sent one', async () => {
    await withGateway({}, async (off) => {
      const response = await off.query(TWO_CALLS, undefined, { traceparent: TRACEPARENT });
      expect(response.body.errors).toBeUndefined();
      expect(off.upstream()).toHaveLength(2);
      expect(off.upstream().map((r) => r.headers.traceparent)).toEqual([undefined, undefined]);
      expect(exporter.getFinishedSpans()).toEqual([]);
    });
  });

  it('createTracing makes nothing without OTEL_EXPORTER_OTLP_ENDPOINT', () => {
    expect(createTracing({ otlpEndpoint: undefined, serviceName: 'partner-graph' })).toBeUndefined();
  });
});

describe('createTracing', () => {
  it('exports spans by OTLP/HTTP to <endpoint>/v1/traces, with the service name, when shut down', async () => {
    const received: { method: string; url: string; body: string }[] = [];
    const collector = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        received.push({ method: req.method ?? '', url: req.url ?? '', body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = collector.address() as AddressInfo;
      const tracing = createTracing({ otlpEndpoint: `http://127.0.0.1:${port}/otlp/`, serviceName: 'partner-graph-test' })!;
      tracing.tracer.startSpan('graphql.operation Probe').end();
      await tracing.shutdown();
      expect(received.map(({ method, url }) => ({ method, url }))).toEqual([{ method: 'POST', url: '/otlp/v1/traces' }]);
      expect(received[0]!.body).toContain('partner-graph-test');
      expect(received[0]!.body).toContain('graphql.operation Probe');
    } finally {
      await new Promise((resolve) => collector.close(resolve));
    }
  });
});
