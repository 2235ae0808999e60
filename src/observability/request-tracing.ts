import {
  defaultTextMapGetter,
  defaultTextMapSetter,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Context as TraceContext,
  type Span,
  type Tracer,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { ATTR_ERROR_TYPE, ATTR_HTTP_REQUEST_METHOD, ATTR_HTTP_RESPONSE_STATUS_CODE, ATTR_HTTP_ROUTE } from '@opentelemetry/semantic-conventions';
import type { CallContext } from '../partner-center/transport/http.js';

/** Span and attribute names, also listed in the README's "Observe it" and read by the tests. */
export const OPERATION_SPAN = 'graphql.operation';
export const ATTR_OPERATION_NAME = 'graphql.operation.name';
export const ATTR_OPERATION_TYPE = 'graphql.operation.type';
export const ATTR_CORRELATION_ID = 'correlation.id';
export const ATTR_ERROR_CODES = 'graphql.error.codes';
export const ATTR_UPSTREAM_CALLS = 'partner_center.calls';
export const ATTR_REQUEST_ID = 'ms.request_id';
export const ATTR_OUTCOME = 'partner_center.outcome';
/** On a request that shared another's execution: that request's correlation id. */
export const ATTR_SHARED_WITH = 'graphql.operation.shared_with';
/** True on such a request when that execution had already answered and its result lingered. */
export const ATTR_SHARED_COMPLETED = 'graphql.operation.shared_completed';
/** The caller, never a name or a token: `tid` and `oid` when verified, else `caller` (a token hash prefix). */
export const CALLER_ATTRIBUTES: Readonly<Record<string, string>> = { tid: 'partner.tenant_id', oid: 'enduser.id', caller: 'partner_graph.caller' };

export interface OperationEnd {
  status: number;
  errorCodes: readonly string[];
  upstreamCalls: number;
  /** The correlation id of the request whose execution this one shared (use-operation-single-flight). */
  sharedWith?: string;
  /** True when that execution had already answered (OPERATION_SINGLE_FLIGHT_LINGER_MS). */
  sharedCompleted?: boolean;
  /** The caller's tid/oid (or token hash), as in the request's log lines. */
  caller?: Readonly<Record<string, string>>;
}

/**
 * The spans of GraphQL requests: one operation span per request, a child of the caller's W3C
 * `traceparent`, and one client span per Partner Center call under it, whose context is sent
 * upstream as `traceparent`. Contexts are passed explicitly (no global context manager), keyed by
 * the Request as request-state.ts does, so nothing about a request lives in module scope.
 */
export interface RequestTracing {
  /** Opens the request's operation span (once; batched requests share it). */
  start(request: Request, correlationId: string): void;
  /** Names the span after the operation that actually runs. */
  setOperation(request: Request, name: string | undefined, type: string): void;
  end(request: Request, end: OperationEnd): void;
  /** The request's `CallContext.startCall`: a child span per upstream call, sent as traceparent. */
  startCall(request: Request): NonNullable<CallContext['startCall']>;
}

export function createRequestTracing(tracer: Tracer): RequestTracing {
  const propagator = new W3CTraceContextPropagator();
  const spans = new WeakMap<Request, Span>();
  const callerContext = (request: Request): TraceContext => propagator.extract(ROOT_CONTEXT, headersOf(request), defaultTextMapGetter);
  const spanName = (name: string | undefined) => (name ? `${OPERATION_SPAN} ${name}` : OPERATION_SPAN);

  return {
    start(request, correlationId) {
      if (spans.has(request)) return;
      const attributes = { [ATTR_CORRELATION_ID]: correlationId };
      spans.set(request, tracer.startSpan(OPERATION_SPAN, { kind: SpanKind.SERVER, attributes }, callerContext(request)));
    },
    setOperation(request, name, type) {
      const span = spans.get(request);
      span?.updateName(spanName(name));
      span?.setAttributes({ [ATTR_OPERATION_TYPE]: type, ...(name ? { [ATTR_OPERATION_NAME]: name } : {}) });
    },
    end(request, { status, errorCodes, upstreamCalls, sharedWith, sharedCompleted, caller }) {
      const span = spans.get(request);
      if (!span) return;
      spans.delete(request);
      const codes = [...new Set(errorCodes)];
      span.setAttributes({ [ATTR_HTTP_RESPONSE_STATUS_CODE]: status, [ATTR_UPSTREAM_CALLS]: upstreamCalls, [ATTR_ERROR_CODES]: codes });
      if (sharedWith) span.setAttribute(ATTR_SHARED_WITH, sharedWith);
      if (sharedCompleted) span.setAttribute(ATTR_SHARED_COMPLETED, true);
      for (const [name, value] of Object.entries(caller ?? {})) {
        const attribute = CALLER_ATTRIBUTES[name];
        if (attribute) span.setAttribute(attribute, value);
      }
      if (codes.length > 0) span.setStatus({ code: SpanStatusCode.ERROR, message: codes.join(',') });
      span.end();
    },
    startCall(request) {
      return ({ method, route }) => {
        const operation = spans.get(request);
        const parent = operation ? trace.setSpan(ROOT_CONTEXT, operation) : callerContext(request);
        const span = tracer.startSpan(
          `HTTP ${method} ${route}`,
          { kind: SpanKind.CLIENT, attributes: { [ATTR_HTTP_REQUEST_METHOD]: method, [ATTR_HTTP_ROUTE]: route } },
          parent,
        );
        const headers: Record<string, string> = {};
        propagator.inject(trace.setSpan(ROOT_CONTEXT, span), headers, defaultTextMapSetter);
        return {
          headers,
          end(call) {
            span.setAttributes({
              [ATTR_REQUEST_ID]: call.requestId,
              [ATTR_OUTCOME]: call.outcome,
              ...(call.status !== undefined ? { [ATTR_HTTP_RESPONSE_STATUS_CODE]: call.status } : {}),
            });
            if (call.outcome !== 'ok') {
              span.setAttribute(ATTR_ERROR_TYPE, call.status !== undefined ? String(call.status) : call.outcome);
              span.setStatus({ code: SpanStatusCode.ERROR });
            }
            span.end();
          },
        };
      };
    },
  };
}

/** Only the W3C trace headers are read: the carrier never holds the caller's Authorization. */
function headersOf(request: Request): Record<string, string> {
  const carrier: Record<string, string> = {};
  for (const name of ['traceparent', 'tracestate']) {
    const value = request.headers.get(name);
    if (value !== null) carrier[name] = value;
  }
  return carrier;
}
