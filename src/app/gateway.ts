import type { Tracer } from '@opentelemetry/api';
import { Agent, type Dispatcher } from 'undici';
import { createApp, type App, type AppOptions } from './create-app.js';
import type { Config } from '../config.js';
import { createLifecycle, type Lifecycle } from './lifecycle.js';
import type { Logger } from '../observability/logger.js';
import { createMetrics, type Metrics } from '../observability/metrics.js';
import { loadTrustedDocuments } from '../plugins/security/trusted-documents.js';
import { createStores, type Stores } from '../state/create-stores.js';
import { createUpstream, type UpstreamOptions } from '../partner-center/upstream.js';

export interface GatewayOptions {
  config: Config;
  logger: Logger;
  /** Partner Center origin: the configured one, or the embedded simulator's. */
  baseUrl: string;
  graphiql?: AppOptions['graphiql'];
  tracer?: Tracer;
  /** State shared by replicas (sessions, on-behalf-of tokens). Default: in-process (createApp's). */
  store?: AppOptions['sharedStore'];
  /** How calls reach Partner Center. Default: a keep-alive Agent of config.upstream.connections (a bench passes a stub). */
  dispatcher?: Dispatcher;
  /** The large-body memory budget. Default: createUpstream's, from config.upstream (tests pass one to watch it). */
  bodyBudget?: UpstreamOptions['bodyBudget'];
}

export interface Gateway {
  readonly app: App;
  readonly lifecycle: Lifecycle;
  /** The process's keep-alive pool to Partner Center: close it on shutdown. */
  readonly agent: Dispatcher;
  /** State shared with other replicas (Redis when REDIS_URL is set): close it after the drain. */
  readonly stores: Stores;
  /** The app's metrics (undefined when METRICS is off): the HTTP server counts its own answers there too. */
  readonly metrics: Metrics | undefined;
}

/**
 * The gateway's parts wired together, the one way main.ts and the tests build it: pool, metrics,
 * upstream (transport, resilience, single-flight, client), trusted documents, lifecycle, app.
 */
export function createGateway({ config, logger, baseUrl, graphiql, tracer, store, dispatcher, bodyBudget }: GatewayOptions): Gateway {
  const agent = dispatcher ?? new Agent({ connections: config.upstream.connections, keepAliveTimeout: 30_000 });
  // One metrics object for the app and the retry layer, which lives outside it.
  const metrics = config.metrics.enabled ? createMetrics() : undefined;
  const stores = createStores(config, logger, metrics?.registry);
  const partnerCenter = createUpstream({
    config,
    baseUrl,
    dispatcher: agent,
    ...(metrics ? { onRetry: (route: string) => metrics.countRetry(route) } : {}),
    ...(stores.budget ? { budget: stores.budget, onBudgetRefusal: () => stores.metrics.countBudgetRefusal() } : {}),
    ...(bodyBudget ? { bodyBudget } : {}),
  });
  metrics?.watchUpstream(partnerCenter);
  metrics?.watchBodyBudget(partnerCenter.bodyBudget);
  const trustedDocuments = config.security.trustedDocuments ? loadTrustedDocuments(config.security.trustedDocuments) : undefined;
  const lifecycle = createLifecycle(logger);
  const app = createApp({
    config,
    logger,
    upstream: partnerCenter.client,
    // A test may hand in its own store to watch what sessions and tokens leave there.
    sharedStore: store ?? stores.store,
    statements: partnerCenter.statements,
    bodyBudget: partnerCenter.bodyBudget,
    ready: lifecycle.ready,
    upstreamHealthy: partnerCenter.healthy,
    ...(metrics ? { metrics } : {}),
    ...(trustedDocuments ? { trustedDocuments } : {}),
    ...(tracer ? { tracer } : {}),
    ...(graphiql ? { graphiql } : {}),
  });
  return { app, lifecycle, agent, stores, metrics };
}
