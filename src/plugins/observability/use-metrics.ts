import { createCounter, createHistogram, usePrometheus, type FillLabelsFnParams } from '@graphql-yoga/plugin-prometheus';
import type { Plugin } from 'graphql-yoga';
import { exchangeOf } from '../../server/http-exchange.js';
import type { Logger } from '../../observability/logger.js';
import type { Metrics } from '../../observability/metrics.js';
import { upstreamFiguresOf } from '../../app/context.js';
import { requestState } from '../../app/request-state.js';
import { afterResponse, awaitsLastPayload } from '../../app/response-end.js';
import { errorCodesOf } from '../errors/use-error-policy.js';
import { answered, operationNameOf, reachedGraphQL } from '../http/use-request-state.js';
import { sharingOf } from '../performance/use-operation-single-flight.js';

// Prometheus label names are snake_case (promtool check metrics).
const OPERATION_LABELS = ['operation_name', 'operation_type'] as const;

export interface MetricsPluginOptions {
  /** Only manifest documents run (TRUSTED_DOCUMENTS): their names are bounded, so any may take a label slot. */
  trustedDocuments: boolean;
}

/**
 * `GET /metrics` (Prometheus text, no Authorization) and the GraphQL operation metrics, through
 * @graphql-yoga/plugin-prometheus into the app's own registry. Only the metrics below are on: the
 * plugin's defaults label by raw URL and error path, which are unbounded.
 *
 * Errors are counted here from the request's state rather than by the plugin's error counter: only
 * after use-error-policy has run does every error (parse, validation, authentication and
 * resolver errors alike) carry its final `extensions.code`. An incremental response (@defer/@stream)
 * is counted and timed when its last payload is written (response-end.ts).
 */
export function useMetrics(metrics: Metrics, logger: Logger, { trustedDocuments }: MetricsPluginOptions): Plugin {
  const { registry } = metrics;
  // A name takes a label slot only from a request that proved a token to Partner Center (or ran a trusted
  // document): without that, anyone could use up the slots with introspection under made-up names.
  const mayClaim = (request: Request | undefined) => trustedDocuments || (request !== undefined && upstreamFiguresOf(request).authenticated);
  const operationLabels = (params: FillLabelsFnParams & { request?: Request }, context?: unknown) => ({
    operation_name: metrics.operationName(params.operationName, mayClaim(params.request ?? (context as { request?: Request } | undefined)?.request)),
    operation_type: params.operationType ?? 'unknown',
  });
  const httpDuration = createHistogram<'request', 'operation_name' | 'operation_type' | 'status_code', FillLabelsFnParams & { request?: Request; response: Response }>({
    registry,
    histogram: {
      name: 'graphql_http_request_duration_seconds',
      help: 'Time from the first byte of a GraphQL HTTP request to its response',
      labelNames: [...OPERATION_LABELS, 'status_code'],
    },
    fillLabelsFn: (params: FillLabelsFnParams & { request?: Request; response: Response }) => ({
      ...operationLabels(params),
      status_code: params.response.status,
    }),
    // Not what a request the server cut at the shutdown grace got: that answer is counted as a refusal.
    shouldObserve: (params: FillLabelsFnParams & { request?: Request; response: Response }, context: unknown) =>
      !exchangeOf(context)?.answeredByServer && !timedAtLastPayload(params, context),
  });
  /** An incremental response is timed to its last payload, not to its first: observed then, by this, not by the plugin. */
  const timedAtLastPayload = (params: FillLabelsFnParams & { request?: Request; response: Response }, context: unknown): boolean => {
    const request = params.request;
    if (!request || !awaitsLastPayload(request)) return false;
    const state = requestState(request, logger);
    const labels = httpDuration.fillLabelsFn(params, context);
    afterResponse(request, () => httpDuration.histogram.observe(labels, (performance.now() - state.startedAt) / 1000));
    return true;
  };
  return {
    onPluginInit({ addPlugin }) {
      addPlugin(
        usePrometheus({
          registry,
          endpoint: '/metrics',
          metrics: {
            graphql_envelop_request: createCounter({
              registry,
              counter: { name: 'graphql_operations_total', help: 'GraphQL operations executed', labelNames: OPERATION_LABELS },
              fillLabelsFn: operationLabels,
            }),
            graphql_envelop_request_duration: createHistogram({
              registry,
              histogram: { name: 'graphql_operation_duration_seconds', help: 'Time spent executing GraphQL operations', labelNames: OPERATION_LABELS },
              fillLabelsFn: operationLabels,
            }),
            graphql_yoga_http_duration: httpDuration,
            graphql_envelop_request_time_summary: false,
            graphql_envelop_phase_parse: false,
            graphql_envelop_phase_validate: false,
            graphql_envelop_phase_context: false,
            graphql_envelop_phase_execute: false,
            graphql_envelop_phase_subscribe: false,
            graphql_envelop_error_result: false,
            graphql_envelop_deprecated_field: false,
            graphql_envelop_schema_change: false,
          },
        }),
      );
    },
    onResponse({ request, response, serverContext }) {
      const state = requestState(request, logger);
      // The server answered it itself (shutdown grace) and counted that answer.
      if (exchangeOf(serverContext)?.answeredByServer) return;
      // An incremental response's errors are counted once its last payload has added its own.
      if (answered(request)) afterResponse(request, () => metrics.countErrors(errorCodesOf(request)));
      // Refused before its GraphQL parameters were read: the Prometheus plugin never times those.
      const firstCode = errorCodesOf(request)[0];
      if (!reachedGraphQL(request) && firstCode !== undefined) metrics.countRefusal(response.status, firstCode);
      const sharing = sharingOf(request);
      if (sharing) {
        // It never parsed a document, so the Prometheus plugin does not time it: its HTTP duration is observed
        // here, labelled with the operation whose execution it shared.
        metrics.countSharedOperation(sharing.completed);
        const labels = { operation_name: metrics.operationName(operationNameOf(request), false), operation_type: 'query', status_code: response.status };
        httpDuration.histogram.observe(labels, (performance.now() - state.startedAt) / 1000);
      }
    },
  };
}
