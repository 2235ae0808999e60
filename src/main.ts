import { Agent } from 'undici';
import { createApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { createPartnerCenterClient } from './partner-center/client.js';
import { DEV_AUTHORIZATION, SAMPLE_QUERY } from './sample-query.js';
import { listen } from './server.js';

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
  const upstream = createPartnerCenterClient({ baseUrl, dispatcher: agent, ...config.upstream, applicationName: config.applicationName });
  let ready = true;
  const app = createApp({
    config,
    logger,
    upstream,
    ready: () => ready,
    ...(simulator ? { graphiql: { defaultQuery: SAMPLE_QUERY, headers: JSON.stringify({ Authorization: DEV_AUTHORIZATION }) } } : {}),
  });
  const server = await listen({ app, port: config.port, host: config.host, logger });
  logger.info({ url: `${server.url}/graphql`, upstream: simulator ? `embedded simulator at ${baseUrl}` : baseUrl }, 'partner-graph is listening');
  if (simulator) {
    process.stdout.write(`\nGraphiQL: ${server.url}/graphql (sample query and a dev Authorization header filled in)\n\n${SAMPLE_QUERY}\n`);
  }

  const shutdown = async (signal: string) => {
    logger.info({ signal, graceMs: config.shutdownGraceMs }, 'shutting down');
    ready = false;
    await server.close(config.shutdownGraceMs);
    await agent.close();
    await simulator?.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`partner-graph failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  process.exit(1);
});
