import { ConfigError, loadConfig } from './config.js';
import { createGateway } from './gateway.js';
import { createLogger } from './logger.js';
import { DEV_AUTHORIZATION, SAMPLE_QUERY } from './sample-query.js';
import { setTimeout as delay } from 'node:timers/promises';
import { listen } from './server.js';
import { createTracing } from './tracing.js';

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
  const tracing = createTracing(config.tracing);
  const { app, lifecycle, agent, stores, metrics } = createGateway({
    config,
    logger,
    baseUrl,
    ...(tracing ? { tracer: tracing.tracer } : {}),
    ...(simulator ? { graphiql: { defaultQuery: SAMPLE_QUERY, headers: JSON.stringify({ Authorization: DEV_AUTHORIZATION }) } } : {}),
  });
  const server = await listen({ app, port: config.port, host: config.host, logger, ...(metrics ? { metrics } : {}) });
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

  // Keep-alive clients are moved off first, while new connections are still accepted during the delay.
  lifecycle.onShutdown('answer with Connection: close', async () => server.drain());
  lifecycle.onShutdown('let load balancers notice', () => delay(config.shutdownDelayMs));
  lifecycle.onShutdown('drain HTTP', () => server.close(config.shutdownGraceMs));
  // Every request has its answer by now: an upstream call still running serves nobody, so it is not waited for.
  lifecycle.onShutdown('close upstream pool', () => agent.destroy());
  lifecycle.onShutdown('close shared state', () => stores.close());
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
