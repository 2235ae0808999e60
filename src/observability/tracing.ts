import type { Tracer } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import type { Config } from '../config.js';

export interface Tracing {
  /** Handed to createApp; spans are made only through it. */
  readonly tracer: Tracer;
  /** Exports the spans still queued, then stops. */
  shutdown(): Promise<void>;
}

/**
 * The OpenTelemetry set-up: OTLP/HTTP to `<endpoint>/v1/traces` through a BatchSpanProcessor, or
 * nothing when no endpoint is configured (then no span is made and no traceparent is sent upstream).
 *
 * Nothing is registered globally: the gateway passes contexts explicitly (request-tracing.ts), so
 * it needs no global tracer, context manager or propagator, and tests can run many providers side
 * by side. The SDK still honours the standard OTEL_* variables it reads itself (sampler, batch
 * sizes, OTEL_EXPORTER_OTLP_HEADERS for a collector's credentials).
 */
export function createTracing(config: Config['tracing']): Tracing | undefined {
  if (config.otlpEndpoint === undefined) return undefined;
  const exporter = new OTLPTraceExporter({ url: `${config.otlpEndpoint.replace(/\/+$/, '')}/v1/traces` });
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: config.serviceName }),
    spanProcessors: [new BatchSpanProcessor(exporter)],
  });
  return { tracer: provider.getTracer('partner-graph'), shutdown: () => provider.shutdown() };
}
