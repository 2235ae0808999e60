import type { Tracer } from '@opentelemetry/api';
import { GraphQLError } from 'graphql';
import { createYoga, type GraphiQLOptions, type YogaServerInstance } from 'graphql-yoga';
import type { Config } from './config.js';
import { createContextFactory, type Context } from './context.js';
import { AppError, ErrorCode } from './errors.js';
import type { Logger } from './logger.js';
import { createMetrics, type Metrics } from './metrics.js';
import type { PartnerCenterClient } from './partner-center/client.js';
import { DocumentCache } from './document-cache.js';
import type { BodyBudget } from './partner-center/large-bodies.js';
import { createAuthenticator } from './auth/authenticator.js';
import { useAuthRoutes } from './plugins/use-auth-routes.js';
import { callerOf, useAuthentication } from './plugins/use-authentication.js';
import { MemoryStore } from './state/memory-store.js';
import type { SharedStore } from './state/shared-store.js';
import { useAutomaticPersistedQueries } from './plugins/use-automatic-persisted-queries.js';
import { useDocumentCache } from './plugins/use-document-cache.js';
import { useErrorPolicy } from './plugins/use-error-policy.js';
import { sharedExecutionSignal, useOperationSingleFlight } from './plugins/use-operation-single-flight.js';
import { useJit } from './plugins/use-jit.js';
import { useGraphiQL } from './plugins/use-graphiql.js';
import { useHealth, type HealthOptions } from './plugins/use-health.js';
import { useInvoiceStatement } from './plugins/use-invoice-statement.js';
import type { OpenStatement } from './partner-center/statement.js';
import { useIncrementalDelivery } from './plugins/use-incremental-delivery.js';
import { useMetrics } from './plugins/use-metrics.js';
import { useRequestBodyLimit } from './plugins/use-request-body-limit.js';
import { useRequestState } from './plugins/use-request-state.js';
import { CSRF_HEADERS, useSecurity } from './plugins/use-security.js';
import { useTracing } from './plugins/use-tracing.js';
import { createRequestTracing } from './request-tracing.js';
import { schema } from './schema/index.js';
import type { TrustedDocuments } from './trusted-documents.js';

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
  return createYoga<Record<string, unknown>, Context>({
    schema,
    graphqlEndpoint: '/graphql',
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
    plugins: [
      useHealth({ ...(ready ? { ready } : {}), ...(upstreamHealthy ? { upstreamHealthy } : {}) }),
      useRequestState(logger),
      // GraphiQL is served from the installed package: nothing loads from a CDN.
      ...(config.graphiql ? [useGraphiQL({ title: 'partner-graph', shouldPersistHeaders: false, ...graphiql }, logger)] : []),
      ...(authenticator.sessions ? [useAuthRoutes({ auth: config.auth, authenticator, store: sharedStore, logger })] : []),
      // Before the security plugins: GET /metrics is answered as it arrives, with no token or CSRF header.
      ...(metrics ? [useMetrics(metrics, logger, { trustedDocuments: trustedDocuments !== undefined })] : []),
      ...(tracing ? [useTracing(tracing, logger)] : []),
      // Beside /graphql, with the caller's own token; before the GraphQL-only security plugins.
      ...(statements ? [useInvoiceStatement(statements, logger)] : []),
      useDocumentCache(documentCache ?? new DocumentCache(config.documentCacheBytes)),
      useSecurity(config, trustedDocuments),
      // Off in trusted-documents mode: there a hash must name a manifest entry, never a caller's text.
      ...(trustedDocuments ? [] : [useAutomaticPersistedQueries({ shared: sharedStore })]),
      useAuthentication(authenticator, logger),
      // @defer/@stream (multipart/mixed, SSE); use-error-policy shapes each incremental payload, use-jit leaves them alone.
      useIncrementalDelivery(logger),
      useErrorPolicy(logger, { hideSuggestions: !config.security.introspection }),
      useRequestBodyLimit({ limit: config.limits.maxRequestBytes, entitiesLimit: config.limits.maxEntitiesRequestBytes }),
      useJit(logger, config.jit.after),
      // Last: it keys on the parameters as APQ or trusted documents left them.
      ...(config.operationSingleFlight ? [useOperationSingleFlight(logger, schema, config.operationLinger)] : []),
    ],
  });
}

/** GraphQL errors about the request, and coded errors, pass; anything else is masked. */
function maskUnexpected(error: unknown): Error {
  if (error instanceof GraphQLError && (!error.originalError || error.originalError instanceof GraphQLError)) return error;
  return new AppError(ErrorCode.INTERNAL_SERVER_ERROR, 'Unexpected error.');
}
