import type { DocumentNode, OperationDefinitionNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { ResponseStep } from '../http/use-response-steps.js';
import type { Route } from '../http/use-routes.js';
import { Counter, Histogram } from 'prom-client';
import { exchangeOf } from '../../server/http-exchange.js';
import type { Logger } from '../../observability/logger.js';
import { OTHER_LABEL, type Metrics } from '../../observability/metrics.js';
import { upstreamFiguresOf } from '../../app/context.js';
import { requestState } from '../../app/request-state.js';
import { afterResponse } from '../../app/response-end.js';
import { errorCodesOf } from '../errors/use-error-policy.js';
import { answered, operationNameOf, reachedGraphQL } from '../http/use-request-state.js';
import { sharingOf } from '../performance/use-operation-single-flight.js';
import { operationOf } from '../operation-of.js';

// Prometheus label names are snake_case (promtool check metrics).
const OPERATION_LABELS = ['operation_name', 'operation_type'] as const;
const HTTP_LABELS = [...OPERATION_LABELS, 'status_code'] as const;

export interface MetricsPluginOptions {
  /** Only manifest documents run (TRUSTED_DOCUMENTS): their names are bounded, so any may take a label slot. */
  trustedDocuments: boolean;
}

/** One operation label set: its execution count, and its histograms' children (HTTP by status). */
interface OperationSeries {
  readonly labels: Readonly<Record<(typeof OPERATION_LABELS)[number], string>>;
  executed: number;
  readonly executions: { observe(value: number): void };
  readonly http: Map<number, { observe(value: number): void }>;
}

/** An operation of a parsed document (shared by every request that sends it): its series once its label is settled. */
interface Operation {
  readonly name: string | undefined;
  readonly type: string;
  /** Kept once its label is its own (a name with a slot, or Anonymous): `other` may still become a name's. */
  settled?: OperationSeries;
}

/**
 * `GET /metrics` (Prometheus text, no Authorization) and the GraphQL operation metrics, with prom-client
 * into the app's own registry: two observations and a count per operation, made in the hooks that already run.
 *
 * Errors are counted from the request's state, once use-error-policy has given every error (parse,
 * validation, authentication and resolver errors alike) its final `extensions.code`. An incremental
 * response (@defer/@stream) is counted and timed when its last payload is written (response-end.ts).
 */
export function useMetrics(metrics: Metrics, logger: Logger, { trustedDocuments }: MetricsPluginOptions): { plugin: Plugin; onResponse: ResponseStep; route: Route } {
  const { registry } = metrics;
  // Series are kept here (names are bounded by metrics.operationName) so an observation neither builds nor
  // re-validates a label object; the execution count is handed to prom-client at each scrape.
  const series = new Map<string, OperationSeries>();
  new Counter({
    name: 'graphql_operations_total',
    help: 'GraphQL operations executed',
    labelNames: OPERATION_LABELS,
    registers: [registry],
    collect() {
      this.reset();
      for (const { labels, executed } of series.values()) if (executed > 0) this.inc(labels, executed);
    },
  });
  const executions = new Histogram({ name: 'graphql_operation_duration_seconds', help: 'Time spent executing GraphQL operations', labelNames: OPERATION_LABELS, registers: [registry] });
  const httpDuration = new Histogram({
    name: 'graphql_http_request_duration_seconds',
    help: 'Time from the first byte of a GraphQL HTTP request to its response',
    labelNames: HTTP_LABELS,
    registers: [registry],
  });
  const seriesOf = (operationName: string, type: string): OperationSeries => {
    const key = `${operationName} ${type}`;
    let found = series.get(key);
    if (!found) {
      const labels = Object.freeze({ operation_name: operationName, operation_type: type });
      series.set(key, (found = { labels, executed: 0, executions: executions.labels(labels), http: new Map() }));
    }
    return found;
  };
  const observeHttp = (operation: OperationSeries, status: number, seconds: number) => {
    let child = operation.http.get(status);
    if (!child) operation.http.set(status, (child = httpDuration.labels({ ...operation.labels, status_code: status })));
    child.observe(seconds);
  };
  /** The document's operation, for requests whose document parsed: only those are timed over HTTP. */
  const parsed = new WeakMap<Request, Operation>();
  // A name takes a label slot only from a request that proved a token to Partner Center (or ran a trusted
  // document): without that, anyone could use up the slots with introspection under made-up names.
  const mayClaim = (request: Request) => trustedDocuments || upstreamFiguresOf(request).authenticated;
  /** Worked out when its execution ends: the slot rule needs the request's upstream answers by then. */
  const seriesFor = (request: Request, operation: Operation): OperationSeries => {
    if (operation.settled) return operation.settled;
    const label = metrics.operationName(operation.name, mayClaim(request));
    const found = seriesOf(label, operation.type);
    if (label !== OTHER_LABEL) operation.settled = found;
    return found;
  };
  // One Operation per operation of a parsed document (the document cache hands the same one out again), and one
  // for a document that names none.
  const known = new WeakMap<OperationDefinitionNode, Operation>();
  const none: Operation = { name: undefined, type: 'unknown' };
  const operationFor = (document: DocumentNode, name: string | null | undefined): Operation => {
    const ast = operationOf(document, name);
    if (!ast) return none;
    let operation = known.get(ast);
    if (!operation) known.set(ast, (operation = { name: ast.name?.value, type: ast.operation }));
    return operation;
  };
  const plugin: Plugin = {
    onParse({ context }) {
      const { request, params } = context as { request?: Request; params?: { operationName?: string } };
      if (!request) return undefined;
      return ({ result }) => {
        if (!(result instanceof Error) && result) parsed.set(request, operationFor(result as DocumentNode, params?.operationName));
      };
    },
    onExecute({ args }) {
      const request = (args.contextValue as { request?: Request }).request;
      if (!request) return undefined;
      const startedAt = performance.now();
      const operation = parsed.get(request) ?? operationFor(args.document, args.operationName);
      const observe = () => {
        const found = seriesFor(request, operation);
        found.executed += 1;
        found.executions.observe((performance.now() - startedAt) / 1000);
      };
      return {
        onExecuteDone({ result }) {
          if (!(Symbol.asyncIterator in (result as object))) return observe();
          return { onEnd: observe };
        },
      };
    },
  };
  // The response's part: a use-response-steps step.
  const onResponse: ResponseStep = ({ request, response, serverContext }) => {
    const state = requestState(request, logger);
    // The server answered it itself (shutdown grace) and counted that answer.
    if (exchangeOf(serverContext)?.answeredByServer) return;
    const operation = parsed.get(request);
    // Timed to the last payload for an incremental response.
    if (operation) afterResponse(request, () => observeHttp(seriesFor(request, operation), response.status, (performance.now() - state.startedAt) / 1000));
    // An incremental response's errors are counted once its last payload has added its own.
    if (answered(request)) afterResponse(request, () => metrics.countErrors(errorCodesOf(request)));
    // Refused before its GraphQL parameters were read: never timed above.
    const firstCode = errorCodesOf(request)[0];
    if (!reachedGraphQL(request) && firstCode !== undefined) metrics.countRefusal(response.status, firstCode);
    const sharing = sharingOf(request);
    if (sharing) {
      // It never parsed a document, so it was not timed above: its HTTP duration is observed
      // here, labelled with the operation whose execution it shared.
      metrics.countSharedOperation(sharing.completed);
      observeHttp(seriesOf(metrics.operationName(operationNameOf(request), false), 'query'), response.status, (performance.now() - state.startedAt) / 1000);
    }
  };
  // GET /metrics (any method, as before): a use-routes route.
  const route: Route = {
    matches: (_request, url) => url.pathname === '/metrics',
    answer: ({ endResponse, fetchAPI }) => registry.metrics().then((text) => endResponse(new fetchAPI.Response(text, { headers: { 'Content-Type': registry.contentType } }))),
  };
  return { plugin, onResponse, route };
}
