/**
 * Environment of the standalone simulator (`npm run simulator`). The only place in src/simulator that reads
 * process.env. Every bad variable is reported at once, so a misconfigured container fails with the full list.
 */
import { z } from 'zod';

const VARIABLES = ['SIMULATOR_PORT', 'SIMULATOR_HOST', 'SIMULATOR_LATENCY_MS', 'SIMULATOR_SEED', 'SIMULATOR_RATE_LIMIT'] as const;

const schema = z.object({
  SIMULATOR_PORT: z.coerce.number().int().min(0).max(65_535).default(4010),
  SIMULATOR_HOST: z.string().trim().min(1).default('0.0.0.0'),
  SIMULATOR_LATENCY_MS: z.coerce.number().int().min(0).max(600_000).default(0),
  SIMULATOR_SEED: z.coerce.number().int().default(42),
  /** Requests a minute per partner, customer and resource family; 0 turns throttling off. */
  SIMULATOR_RATE_LIMIT: z.coerce.number().int().min(0).default(500),
});

export interface SimulatorConfig {
  port: number;
  host: string;
  latencyMs: number;
  seed: number;
  /** Requests a minute per bucket; 0 = off. */
  rateLimitPerMinute: number;
}

export class SimulatorConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid simulator configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'SimulatorConfigError';
  }
}

export function loadSimulatorConfig(env: Readonly<Record<string, string | undefined>> = process.env): SimulatorConfig {
  // An empty variable (FOO= in a compose file) means "not set", not 0.
  const input: Record<string, string | undefined> = {};
  for (const name of VARIABLES) {
    const value = env[name];
    input[name] = value === undefined || value.trim() === '' ? undefined : value;
  }
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new SimulatorConfigError(
      result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message} (got ${JSON.stringify(input[String(issue.path[0])])})`),
    );
  }
  const c = result.data;
  return { port: c.SIMULATOR_PORT, host: c.SIMULATOR_HOST, latencyMs: c.SIMULATOR_LATENCY_MS, seed: c.SIMULATOR_SEED, rateLimitPerMinute: c.SIMULATOR_RATE_LIMIT };
}
