import { z } from 'zod';

/**
 * Every setting of the gateway. This module is the only reader of `process.env`; everything else
 * receives a frozen `Config`. A bad value stops start-up with one message naming every bad variable.
 */

const boolean = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const integer = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  /** Port the gateway listens on. Default 4000. */
  PORT: integer(0, 65_535).default(4000),
  /** Interface the gateway binds to. Default 0.0.0.0. */
  HOST: z.string().min(1).default('0.0.0.0'),
  /** Partner Center base URL, e.g. https://api.partnercenter.microsoft.com. Unset: embedded simulator. */
  PARTNER_CENTER_URL: z
    .url({ protocol: /^https?$/, message: 'must be an http(s) URL such as https://api.partnercenter.microsoft.com' })
    .refine((value) => {
      // zod runs refinements even after the url check failed, so this must not throw on bad input.
      if (!URL.canParse(value)) return true;
      const url = new URL(value);
      return url.pathname === '/' && url.search === '' && url.hash === '' && url.username === '' && url.password === '';
    }, 'must be an origin only (no path such as /v1, query, fragment or credentials)')
    .optional(),
  /** Sent upstream as MS-PartnerCenter-Application. Default partner-graph. */
  PARTNER_CENTER_APPLICATION: z.string().min(1).max(100).regex(/^[\x20-\x7e]+$/, 'must be printable ASCII').default('partner-graph'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Human-readable logs through pino-pretty. Default: on in development only. */
  LOG_PRETTY: boolean.optional(),
  /** Time limit for one upstream call, ms. Default 10000. */
  UPSTREAM_TIMEOUT_MS: integer(1, 120_000).default(10_000),
  /** Keep-alive connections the process keeps to Partner Center. Default 64. */
  UPSTREAM_CONNECTIONS: integer(1, 1024).default(64),
  /** Upstream calls one GraphQL request may have in flight at once. Default 8. */
  UPSTREAM_CONCURRENCY_PER_REQUEST: integer(1, 256).default(8),
  /** Largest upstream response body accepted, bytes. Default 32 MiB. */
  UPSTREAM_MAX_BODY_BYTES: integer(1024, 1024 * 1024 * 1024).default(32 * 1024 * 1024),
  /** Most ids `customers(ids:)` accepts. Default 100. */
  MAX_CUSTOMER_IDS: integer(1, 10_000).default(100),
  /** Serve GraphiQL at /graphql for browsers. Default true. */
  GRAPHIQL: boolean.default(true),
  /** Latency of the embedded simulator, ms (only without PARTNER_CENTER_URL). Default 0. */
  SIMULATOR_LATENCY_MS: integer(0, 60_000).default(0),
  /** Port of the embedded simulator (only without PARTNER_CENTER_URL). Default 0: any free port. */
  SIMULATOR_PORT: integer(0, 65_535).default(0),
  /** How long in-flight requests may take to finish after SIGTERM, ms. Default 10000. */
  SHUTDOWN_GRACE_MS: integer(0, 600_000).default(10_000),
});

export interface Config {
  readonly env: 'development' | 'production' | 'test';
  readonly port: number;
  readonly host: string;
  /** Partner Center origin (no trailing slash), or undefined to embed the simulator. */
  readonly partnerCenterUrl: string | undefined;
  readonly applicationName: string;
  readonly log: { readonly level: string; readonly pretty: boolean };
  readonly upstream: {
    readonly timeoutMs: number;
    readonly connections: number;
    readonly concurrencyPerRequest: number;
    readonly maxBodyBytes: number;
  };
  readonly limits: { readonly maxCustomerIds: number };
  readonly graphiql: boolean;
  readonly simulator: { readonly latencyMs: number; readonly port: number };
  readonly shutdownGraceMs: number;
}

/** The variables `loadConfig` knows; anything else in the environment is ignored. */
export const CONFIG_VARIABLES = Object.freeze(Object.keys(schema.shape));

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the environment. Empty strings count as unset. Throws ConfigError listing every problem. */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env): Config {
  const input: Record<string, string> = {};
  for (const name of CONFIG_VARIABLES) {
    const value = env[name];
    if (value !== undefined && value.trim() !== '') input[name] = value.trim();
  }
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? '(environment)');
      return `${name}=${JSON.stringify(input[name] ?? '')}: ${issue.message}`;
    });
    throw new ConfigError(problems);
  }
  const v = parsed.data;
  return deepFreeze({
    env: v.NODE_ENV,
    port: v.PORT,
    host: v.HOST,
    partnerCenterUrl: v.PARTNER_CENTER_URL === undefined ? undefined : new URL(v.PARTNER_CENTER_URL).origin,
    applicationName: v.PARTNER_CENTER_APPLICATION,
    log: { level: v.LOG_LEVEL, pretty: v.LOG_PRETTY ?? v.NODE_ENV === 'development' },
    upstream: {
      timeoutMs: v.UPSTREAM_TIMEOUT_MS,
      connections: v.UPSTREAM_CONNECTIONS,
      concurrencyPerRequest: v.UPSTREAM_CONCURRENCY_PER_REQUEST,
      maxBodyBytes: v.UPSTREAM_MAX_BODY_BYTES,
    },
    limits: { maxCustomerIds: v.MAX_CUSTOMER_IDS },
    graphiql: v.GRAPHIQL,
    simulator: { latencyMs: v.SIMULATOR_LATENCY_MS, port: v.SIMULATOR_PORT },
    shutdownGraceMs: v.SHUTDOWN_GRACE_MS,
  });
}

function deepFreeze<T extends object>(value: T): T {
  for (const child of Object.values(value)) {
    if (child !== null && typeof child === 'object') deepFreeze(child);
  }
  return Object.freeze(value);
}
