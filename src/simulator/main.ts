/** Standalone simulator: `npm run simulator`. Configured by SIMULATOR_* variables (see config.ts). */
import { loadSimulatorConfig, SimulatorConfigError } from './config.js';
import { createSimulator } from './simulator.js';

async function main(): Promise<void> {
  const config = loadSimulatorConfig();
  const simulator = createSimulator({
    latencyMs: config.latencyMs,
    seed: config.seed,
    rateLimit: config.rateLimitPerMinute === 0 ? false : { perMinute: config.rateLimitPerMinute },
  });
  const server = await simulator.listen(config.port, config.host);
  process.stdout.write(
    `Partner Center simulator listening on ${server.url} (bound to ${config.host}:${new URL(server.url).port}, ` +
      `seed ${config.seed}, latency ${config.latencyMs} ms)\n` +
      `Try: curl -H 'Authorization: Bearer dev' ${server.url}/v1/customers?size=5\n`,
  );
  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`${signal} received, shutting down\n`);
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof SimulatorConfigError ? error.message : String(error)}\n`);
  process.exit(1);
});
