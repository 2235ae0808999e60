import { ConfigError, loadConfig, PARTNER_CENTER_AUDIENCE, type Config } from './config.js';
import { createGateway } from './app/gateway.js';
import { createLogger } from './observability/logger.js';
import { DEV_AUTHORIZATION, SAMPLE_QUERY } from './plugins/http/sample-query.js';
import { setTimeout as delay } from 'node:timers/promises';
import { listen } from './server/server.js';
import { createTracing } from './observability/tracing.js';

async function main(): Promise<void> {
  const loaded = loadConfig();
  const logger = createLogger(loaded.log);
  // obo and session without an issuer, on the embedded simulator: its identity provider signs users in.
  const identity = !loaded.partnerCenterUrl && loaded.auth.mode !== 'passthrough' && !loaded.auth.issuer ? await startEmbeddedIdentity(loaded) : undefined;
  const config = identity?.config ?? loaded;
  // The simulator is loaded only when it is embedded: a production gateway never imports it.
  const simulator = config.partnerCenterUrl
    ? undefined
    : await (await import('./simulator/simulator.js'))
        .createSimulator({ latencyMs: config.simulator.latencyMs, ...(identity ? { identity: identity.check } : {}) })
        .listen(config.simulator.port, '127.0.0.1');
  const baseUrl = config.partnerCenterUrl ?? simulator!.url;
  const tracing = createTracing(config.tracing);
  const { app, lifecycle, agent, stores, metrics } = createGateway({
    config,
    logger,
    baseUrl,
    ...(tracing ? { tracer: tracing.tracer } : {}),
    ...(simulator ? { graphiql: { defaultQuery: SAMPLE_QUERY, headers: JSON.stringify(devHeaders(config)) } } : {}),
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
  if (simulator && config.auth.mode === 'session') {
    const users = identity!.users.map((user) => user.login).join(', ');
    process.stdout.write(`\nSign in: ${config.auth.publicUrl}/auth/login (as ${users}; any password), then GraphiQL at ${config.auth.publicUrl}/graphql\n\n`);
  } else if (simulator) {
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
  if (identity) lifecycle.onShutdown('stop identity provider', () => identity.close());
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => void lifecycle.shutdown(signal).then(() => process.exit(0)));
  }
}

/** The embedded simulator's identity provider, and the config that points the gateway at it as its dev client. */
async function startEmbeddedIdentity(config: Config) {
  const idp = await import('./simulator/identity-provider.js');
  const provider = await idp.startIdentityProvider({}, 0, '127.0.0.1');
  const auth = {
    ...config.auth,
    issuer: provider.issuer,
    clientId: config.auth.clientId ?? idp.GATEWAY_CLIENT_ID,
    clientSecret: config.auth.clientSecret ?? idp.GATEWAY_CLIENT_SECRET,
    // obo: callers bring tokens for the gateway's app id URI at the provider.
    audience: config.auth.mode === 'obo' && config.auth.audience === PARTNER_CENTER_AUDIENCE ? idp.GATEWAY_AUDIENCE : config.auth.audience,
  };
  return {
    config: { ...config, auth } as Config,
    check: { issuer: provider.issuer, jwks: provider.jwks },
    users: idp.DEV_USERS,
    close: () => provider.close(),
  };
}

/** GraphiQL's opening headers: the dev token (passthrough, any token works), or the CSRF header a session needs. */
function devHeaders(config: Config): Record<string, string> {
  return config.auth.mode === 'session' ? { 'x-graphql-csrf': '1' } : { Authorization: DEV_AUTHORIZATION };
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`partner-graph failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  process.exit(1);
});
