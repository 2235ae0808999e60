import type { Tracer } from '@opentelemetry/api';
import { GraphQLError } from 'graphql';
import { createYoga, type GraphiQLOptions, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import type { Config } from '../config.js';
import { createContextFactory, type Context } from './context.js';
import { AppError, ErrorCode } from '../errors.js';
import type { Logger } from '../observability/logger.js';
import { createMetrics, type Metrics } from '../observability/metrics.js';
import type { PartnerCenterClient } from '../partner-center/client/client.js';
import { DocumentCache } from '../plugins/performance/document-cache.js';
import type { BodyBudget } from '../partner-center/transport/large-bodies.js';
import { createAuthenticator } from '../auth/authenticator.js';
import { authRoutes } from '../plugins/security/use-auth-routes.js';
import { callerOf, callerRequired, clearRefusedCookie, useAuthentication } from '../plugins/security/use-authentication.js';
import { MemoryStore } from '../state/memory-store.js';
import type { SharedStore } from '../state/shared-store.js';
import { useAutomaticPersistedQueries } from '../plugins/performance/use-automatic-persisted-queries.js';
import { useDocumentCache } from '../plugins/performance/use-document-cache.js';
import { absentCustomers } from '../plugins/errors/use-absent-customers.js';
import { executionErrorShaping, useErrorPolicy } from '../plugins/errors/use-error-policy.js';
import { useResultTransforms } from '../plugins/errors/use-result-transforms.js';
import { sharedExecutionSignal, useOperationSingleFlight } from '../plugins/performance/use-operation-single-flight.js';
import { useJit } from '../plugins/performance/use-jit.js';
import { graphiqlPage } from '../plugins/http/use-graphiql.js';
import { healthRoute, type HealthOptions } from '../plugins/http/use-health.js';
import { invoiceStatementRoute } from '../plugins/http/use-invoice-statement.js';
import type { OpenStatement } from '../partner-center/client/statement.js';
import { useIncrementalDelivery } from '../plugins/http/use-incremental-delivery.js';
import { useMetrics } from '../plugins/observability/use-metrics.js';
import { requestBodyLimit } from '../plugins/http/use-request-body-limit.js';
import { useExecutionChecks, useParamsSteps, useRequestChecks } from '../plugins/http/use-request-checks.js';
import { variableLimits } from '../plugins/security/use-variable-limits.js';
import { checkQueryStringParams } from '../plugins/http/use-query-string-params.js';
import { csrfPrevention } from '../plugins/security/use-csrf-prevention.js';
import { markReachedGraphQL, noteOperation, openRequestState, requestStateOnResponse } from '../plugins/http/use-request-state.js';
import { useRoutes } from '../plugins/http/use-routes.js';
import { useResponseSteps } from '../plugins/http/use-response-steps.js';
import { CSRF_HEADERS, useSecurity } from '../plugins/security/use-security.js';
import { useTracing } from '../plugins/observability/use-tracing.js';
import { createRequestTracing } from '../observability/request-tracing.js';
import { schema } from '../schema/index.js';
import { mergeHooks } from '../plugins/merged-hooks.js';
import type { TrustedDocuments } from '../plugins/security/trusted-documents.js';

export interface AppOptions {
  config: Config;
  logger: Logger;
  /** The Partner Center client over the process's shared connection pool. */
  upstream: PartnerCenterClient;
  /** GraphiQL's opening query and headers (main.ts fills them in for the embedded simulator). */
  graphiql?: Pick<GraphiQLOptions, 'defaultQuery' | 'headers'>;
  /** False while draining (GET /ready). Default: never draining. */
  ready?: HealthOptions['ready'];
  /** False while Partner Center is known to be failing (GET /ready). Default: always healthy. */
  upstreamHealthy?: HealthOptions['upstreamHealthy'];
  /** The trusted-documents manifest (main.ts loads TRUSTED_DOCUMENTS); when given, only these run. */
  trustedDocuments?: TrustedDocuments;
  /**
   * What GET /metrics serves when METRICS is on. Pass one to feed it from outside the app too (a
   * retry layer's `countRetry`). Default: createMetrics(), a new registry per app, never prom-client's global one.
   */
  metrics?: Metrics;
  /** Makes the operation and upstream-call spans (tracing.ts builds it from OTEL_*). Default: no tracing. */
  tracer?: Tracer;
  /** State shared with other replicas (APQ texts, sessions). Default: this process's memory. */
  sharedStore?: SharedStore;
  /** The upstream's memory budget for large bodies (Upstream.bodyBudget): one ticket per execution. Default: none, unbounded. */
  bodyBudget?: BodyBudget;
  /** Streams invoice statements for GET /invoices/{id}/statement.pdf. Default: that route is not served. */
  statements?: OpenStatement;
  /** Parsed documents that validated. Default: one of config.documentCacheBytes (tests pass one to watch it). */
  documentCache?: DocumentCache;
}

export type App = YogaServerInstance<Record<string, unknown>, Context>;

/** The gateway as a fetch/node request handler. It does not listen: main.ts and tests do. */
export function createApp({ config, logger, upstream, graphiql, ready, upstreamHealthy, trustedDocuments, tracer, metrics: given, bodyBudget, sharedStore = new MemoryStore(), statements, documentCache }: AppOptions): App {
  const authenticator = createAuthenticator(config.auth, sharedStore);
  const metrics = config.metrics.enabled ? (given ?? createMetrics()) : undefined;
  const tracing = tracer ? createRequestTracing(tracer) : undefined;
  // GraphiQL is served from the installed package: nothing loads from a CDN.
  const page = config.graphiql ? graphiqlPage({ title: 'partner-graph', shouldPersistHeaders: false, ...graphiql }, logger) : undefined;
  const metered = metrics && useMetrics(metrics, logger, { trustedDocuments: trustedDocuments !== undefined });
  const bodyLimit = requestBodyLimit({ limit: config.limits.maxRequestBytes, entitiesLimit: config.limits.maxEntitiesRequestBytes });
  return createYoga<Record<string, unknown>, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    // No Upload scalar in the schema: a multipart (upload) request has nothing to carry, so it is refused unread.
    multipart: false,
    context: createContextFactory({
      config,
      logger,
      client: upstream,
      ...(metrics ? { onUpstreamCall: metrics.observeUpstreamCall } : {}),
      ...(tracing ? { tracing } : {}),
      ...(bodyBudget ? { bodyBudget } : {}),
      callerOf,
      ...(config.operationSingleFlight ? { sharedExecutionSignal } : {}),
    }),
    // use-graphiql serves it, built once; yoga's renders it per request.
    graphiql: false,
    landingPage: false,
    // Bearer tokens, never cookies, except in session mode: there only the listed origins (never *, config.ts) may send the cookie.
    cors: {
      origin: config.corsOrigins === '*' ? '*' : [...config.corsOrigins],
      credentials: config.auth.mode === 'session' && config.corsOrigins !== '*',
      // Content-Disposition: a browser app reading the statement PDF by fetch learns its file name.
      exposedHeaders: ['MS-CorrelationId', 'Content-Disposition'],
      // Every header the common clients send (Apollo Client names itself; a long `accept` is not CORS-safelisted).
      allowedHeaders: [
        'accept',
        'authorization',
        'content-type',
        'ms-correlationid',
        'traceparent',
        'tracestate',
        'apollographql-client-name',
        'apollographql-client-version',
        ...CSRF_HEADERS,
      ],
    },
    // use-request-body-limit enforces MAX_REQUEST_BYTES without yoga's per-request stream pipeline.
    maxRequestBodySize: false,
    // Our own exact /health and /ready (use-health); yoga's matches any URL ending in /health.
    healthCheckEndpoint: '/.yoga-health',
    // yoga's keeps any 1,024 documents that parse; use-document-cache keeps valid ones, bounded in bytes.
    parserAndValidationCache: false,
    // use-error-policy does the masking with the request's logger; this is the net behind it.
    maskedErrors: { maskError: maskUnexpected },
    logging: {
      debug: (...args) => logger.debug({ yoga: args.map(String) }, 'yoga'),
      info: (...args) => logger.info({ yoga: args.map(String) }, 'yoga'),
      warn: (...args) => logger.warn({ yoga: args.map(String) }, 'yoga'),
      error: (...args) => logger.error({ yoga: args.map(String) }, 'yoga'),
    },
    plugins: inOrder([
      {
        why: 'first, the route table in one onRequest hook: probes before the request is opened (they cost nothing else), then the correlation id every plugin below reads, then the pages and endpoints beside GraphQL, before the GraphQL-only checks (GraphiQL, the sign-in routes before the authentication they set up, GET /metrics with no token or CSRF header, the statement PDF with the caller\'s own token)',
        plugin: useRoutes({
          probes: [healthRoute({ ...(ready ? { ready } : {}), ...(upstreamHealthy ? { upstreamHealthy } : {}) })],
          open: openRequestState(logger),
          routes: [page?.route, authenticator.sessions && authRoutes({ auth: config.auth, authenticator, store: sharedStore, logger }), metered && metered.route, statements && invoiceStatementRoute(statements, logger)],
        }),
      },
      {
        why: 'the response steps in one onResponse hook, whatever answered, after yoga\'s CORS: the correlation id header and summary line, GraphiQL\'s Vary, the HTTP metrics, a refused session cookie cleared',
        plugin: useResponseSteps([requestStateOnResponse(logger), page?.onResponse, metered && metered.onResponse, clearRefusedCookie]),
      },
      { why: 'before the execution checks: an operation they refuse is counted and timed too', plugin: metered && metered.plugin },
      { why: 'order-free: yoga runs every onParams hook (a refusal only sets the result), so its span opens wherever it stands', plugin: tracing && useTracing(tracing, logger) },
      { why: 'order-free: parse and validation hooks keyed on the text as onParams left it', plugin: useDocumentCache(documentCache ?? new DocumentCache(config.documentCacheBytes)) },
      {
        why: 'the HTTP request before yoga reads its parameters, in one hook: query-string JSON, then CSRF, then the body limit (after the request parsers yoga adds before user plugins: it wraps the one chosen)',
        plugin: useRequestChecks([checkQueryStringParams, config.security.csrfPrevention && csrfPrevention(CSRF_HEADERS), bodyLimit.check]),
      },
      {
        why: 'the parameters in one onParams hook, before APQ, use-authentication and single-flight read them: the request noted as reaching GraphQL, then the variables limits (before any plugin walks them)',
        plugin: useParamsSteps([markReachedGraphQL, variableLimits({ maxDepth: config.limits.maxVariablesDepth, maxValues: config.limits.maxVariablesValues })]),
      },
      { why: 'limits, trusted documents: resolves a manifest hash to its text in onParams, before single-flight keys on it', plugin: useSecurity(config, trustedDocuments) },
      // Off in trusted-documents mode: there a hash must name a manifest entry, never a caller's text.
      { why: 'resolves a hash to its text in onParams, before single-flight keys on it', plugin: !trustedDocuments && useAutomaticPersistedQueries({ shared: sharedStore }) },
      { why: 'records the caller in onParams, before single-flight keys on it and the context reads it', plugin: useAuthentication(authenticator, logger) },
      {
        why: 'in one onExecute hook, before use-incremental-delivery, use-jit and single-flight, which a refusal stops: the operation noted (before any refusal), a caller is required, then the body limit of the operation that runs',
        plugin: useExecutionChecks([noteOperation, callerRequired(authenticator), bodyLimit.executionCheck]),
      },
      { why: 'before use-error-policy and use-jit: it swaps the executor, they then see each incremental payload', plugin: useIncrementalDelivery(logger) },
      {
        why: 'in one hook, after use-incremental-delivery: nulls a customer its fields found absent (a single result only), then shapes the execution errors (reading their CustomerAbsent first), payload by payload',
        plugin: useResultTransforms([absentCustomers, executionErrorShaping]),
      },
      { why: 'stamps every result; its onResultProcess after yoga\'s result processors', plugin: useErrorPolicy(logger, { hideSuggestions: !config.security.introspection }) },
      { why: 'replaces graphql-js execution for documents it compiled; after use-incremental-delivery', plugin: useJit(logger, config.jit.after) },
      {
        why: 'last: it keys on the parameters as APQ or trusted documents left them, and the caller use-authentication found',
        plugin: config.operationSingleFlight && useOperationSingleFlight(logger, schema, config.operationLinger),
      },
    ]),
  });
}

/** A plugin in the order its hooks run, with why it stands there; falsy when its setting is off. */
interface Placed {
  readonly why: string;
  readonly plugin: Plugin<Context> | Plugin | false | undefined;
}

/**
 * The plugin list yoga gets: the order is the list's, and each entry says why it stands where it does. Their
 * onParams hooks run as one, and their onExecute hooks (merged-hooks.ts), in the same order.
 */
function inOrder(placed: readonly Placed[]): Plugin<Context>[] {
  return mergeHooks(placed.flatMap(({ plugin }) => (plugin ? [plugin as Plugin<Context>] : [])));
}

/** GraphQL errors about the request, and coded errors, pass; anything else is masked. */
function maskUnexpected(error: unknown): Error {
  if (error instanceof GraphQLError && (!error.originalError || error.originalError instanceof GraphQLError)) return error;
  return new AppError(ErrorCode.INTERNAL_SERVER_ERROR, 'Unexpected error.');
}
