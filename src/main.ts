import { Agent } from 'undici';
import { createApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { DEV_AUTHORIZATION, SAMPLE_QUERY } from './sample-query.js';
import { setTimeout as delay } from 'node:timers/promises';
import { createLifecycle } from './lifecycle.js';
import { createMetrics } from './metrics.js';
import { listen } from './server.js';
import { createTracing } from './tracing.js';
import { loadTrustedDocuments } from './trusted-documents.js';
import { createUpstream } from './upstream.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.log);
  // The simulator is loaded only when it is embedded: a production gateway never imports it.
  const simulator = config.partnerCenterUrl
    ? undefined
    : await (await import('./simulator/simulator.js'))
        .createSimulator({ latencyMs: config.simulator.latencyMs })
        .listen(config.simulator.port, '127.0.0.1');
  const baseUrl = config.partnerCenterUrl ?? simulator!.url;
  const agent = new Agent({ connections: config.upstream.connections, keepAliveTimeout: 30_000 });
  // One metrics object for the app and the retry layer, which lives outside it.
  const metrics = config.metrics.enabled ? createMetrics() : undefined;
  const partnerCenter = createUpstream({ config, baseUrl, dispatcher: agent, ...(metrics ? { onRetry: (route) => metrics.countRetry(route) } : {}) });
  const trustedDocuments = config.security.trustedDocuments ? loadTrustedDocuments(config.security.trustedDocuments) : undefined;
  const lifecycle = createLifecycle(logger);
  const tracing = createTracing(config.tracing);
  const app = createApp({
    config,
    logger,
    upstream: partnerCenter.client,
    ...(metrics ? { metrics } : {}),
    ready: lifecycle.ready,
    upstreamHealthy: partnerCenter.healthy,
    ...(trustedDocuments ? { trustedDocuments } : {}),
    ...(tracing ? { tracer: tracing.tracer } : {}),
    ...(simulator ? { graphiql: { defaultQuery: SAMPLE_QUERY, headers: JSON.stringify({ Authorization: DEV_AUTHORIZATION }) } } : {}),
  });
  const server = await listen({ app, port: config.port, host: config.host, logger });
  logger.info(
    {
      url: `${server.url}/graphql`,
      upstream: simulator ? `embedded simulator at ${baseUrl}` : baseUrl,
      metrics: config.metrics.enabled ? `${server.url}/metrics` : 'off',
      // The origin only: a collector URL may carry credentials.
      tracing: config.tracing.otlpEndpoint ? new URL(config.tracing.otlpEndpoint).origin : 'off',
    },
    'partner-graph is listening',
  );
  if (simulator) {
    process.stdout.write(`\nGraphiQL: ${server.url}/graphql (sample query and a dev Authorization header filled in)\n\n${SAMPLE_QUERY}\n`);
  }

  lifecycle.onShutdown('let load balancers notice', () => delay(config.shutdownDelayMs));
  lifecycle.onShutdown('drain HTTP', () => server.close(config.shutdownGraceMs));
  lifecycle.onShutdown('close upstream pool', () => agent.close());
  // After the drain, so the spans of the last requests are exported too.
  if (tracing) lifecycle.onShutdown('flush traces', () => tracing.shutdown());
  if (simulator) lifecycle.onShutdown('stop simulator', () => simulator.close());
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => void lifecycle.shutdown(signal).then(() => process.exit(0)));
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`partner-graph failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  process.exit(1);
});
