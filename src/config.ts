import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { supportedLocale } from './partner-center/client/locale.js';

/**
 * Every setting of the gateway, declared once: `envSchema` names each environment variable with its check,
 * default and JSDoc (docs/configuration.md is generated from them), and `configSchema` turns the variables
 * into the nested, frozen `Config` everything else receives; `Config` is that schema's output type.
 * This module is the only reader of `process.env`. A bad value stops start-up with one message naming
 * every bad variable.
 */

const boolean = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const integer = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** MAX_CUSTOMER_IDS's default; the subgraph SDL publishes it as `customers(ids:)`'s assumed size. */
export const DEFAULT_MAX_CUSTOMER_IDS = 100;

const envSchema = z.object({
  /** `development` turns on pretty logs; `production` with PARTNER_CENTER_URL turns GraphiQL off. Default production. */
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
  /** Lowest level logged: fatal, error, warn, info, debug, trace, or silent. Default info. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Human-readable logs through pino-pretty. Default: on in development only. */
  LOG_PRETTY: boolean.optional(),
  /** Time limit for one upstream call, ms. Default 10000. */
  UPSTREAM_TIMEOUT_MS: integer(1, 120_000).default(10_000),
  /**
   * Keep-alive connections the process keeps to Partner Center. Default: UPSTREAM_MAX_CONCURRENT (at most 1024),
   * so no call the bulkhead admits waits inside undici, unseen by the bulkhead's queue and metrics.
   */
  UPSTREAM_CONNECTIONS: integer(1, 1024).optional(),
  /** Upstream calls one GraphQL request may have in flight at once. Default 25, so a 25-customer fan-out goes out in one wave. */
  UPSTREAM_CONCURRENCY_PER_REQUEST: integer(1, 256).default(25),
  /** Extra attempts for transient upstream failures (connection errors, timeouts, 408, 5xx). Default 2. */
  UPSTREAM_RETRIES: integer(0, 10).default(2),
  /** First retry backoff, ms; exponential with jitter after it. Default 100. */
  UPSTREAM_RETRY_BASE_DELAY_MS: integer(1, 60_000).default(100),
  /** Longest Retry-After (429) a request waits out within its deadline; longer answers THROTTLED. Default 2000. */
  UPSTREAM_MAX_RETRY_AFTER_MS: integer(0, 600_000).default(2000),
  /** Share of failed upstream attempts (0–1) within the window at or above which the circuit breaker opens. Default 0.5. */
  UPSTREAM_BREAKER_FAILURE_RATE: z.coerce.number().gt(0).max(1).default(0.5),
  /** Attempts the window must hold before the breaker may open. Default 20. */
  UPSTREAM_BREAKER_MIN_CALLS: integer(1, 1_000_000).default(20),
  /** The breaker counts the attempts that ended within the last this many ms of wall-clock time, idle or not. Default 10000. */
  UPSTREAM_BREAKER_WINDOW_MS: integer(100, 600_000).default(10_000),
  /** How long the breaker stays open before a probe may pass, ms. Default 10000. */
  UPSTREAM_BREAKER_HALF_OPEN_MS: integer(100, 600_000).default(10_000),
  /** Upstream calls in flight at once for the whole process. Default 128. */
  UPSTREAM_MAX_CONCURRENT: integer(1, 10_000).default(128),
  /** Upstream calls that may wait for a slot, each bounded by REQUEST_DEADLINE_MS; beyond that they fail fast. Default 4096. */
  UPSTREAM_MAX_QUEUED: integer(0, 100_000).default(4096),
  /** Identical GETs in flight at once for the same caller share one call (partner-center/transport/single-flight.ts). Default true. */
  UPSTREAM_SINGLE_FLIGHT: boolean.default(true),
  /**
   * Identical GraphQL operations in flight at once for the same caller share one execution
   * (plugins/performance/use-operation-single-flight.ts). Default true.
   */
  OPERATION_SINGLE_FLIGHT: boolean.default(true),
  /**
   * How long the result of a shared execution (one that identical operations joined while it ran) keeps
   * answering identical operations of the same caller after it completed, ms; results with errors never do.
   * 0 turns it off. Default 1000: a burst stays one execution, and Partner Center's own lists lag by minutes.
   */
  OPERATION_SINGLE_FLIGHT_LINGER_MS: integer(0, 60_000).default(1000),
  /** Most such results kept at once, oldest dropped first; large results are never kept. Default 256. */
  OPERATION_SINGLE_FLIGHT_LINGER_MAX: integer(1, 100_000).default(256),
  /** Time a whole GraphQL request may take; then it answers what has arrived plus UPSTREAM_TIMEOUT errors. Default 15000. */
  REQUEST_DEADLINE_MS: integer(1, 600_000).default(15_000),
  /**
   * Origins browsers may call from: comma-separated, or * for any. Default *. Bearer tokens only, except in
   * AUTH_MODE=session, where the listed origins may send the session cookie (credentials) and * is refused.
   */
  CORS_ORIGINS: z.string().min(1).default('*'),
  /** Who the caller is (src/auth): passthrough (forward the caller's Partner Center token), obo or session. Default passthrough. */
  AUTH_MODE: z.enum(['passthrough', 'obo', 'session']).default('passthrough'),
  /**
   * The OpenID issuer whose tokens are accepted (its discovery document gives the JWKS and token endpoint).
   * passthrough: optional, verification on when set. obo, session: required (the embedded simulator's provider when unset).
   */
  OIDC_ISSUER: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL such as https://login.microsoftonline.com/<tenant>/v2.0' }).optional(),
  /** The `aud` a caller's token must carry. Default https://api.partnercenter.microsoft.com (passthrough); obo: the gateway's app id URI, required. */
  AUTH_AUDIENCE: z.string().min(1).max(400).optional(),
  /** The gateway's client id at the issuer (obo, session). */
  OIDC_CLIENT_ID: z.string().min(1).max(400).optional(),
  /** The gateway's client secret at the issuer (obo, session). */
  OIDC_CLIENT_SECRET: z.string().min(1).max(1000).optional(),
  /** Scope of the Partner Center token obo and session ask for. Default https://api.partnercenter.microsoft.com/user_impersonation. */
  PARTNER_CENTER_SCOPE: z.string().min(1).max(400).regex(/^\S+$/, 'must be one scope').default('https://api.partnercenter.microsoft.com/user_impersonation'),
  /** The gateway's public origin, for the sign-in redirect URI (PUBLIC_URL/auth/callback). session: required (default http://localhost:PORT with the embedded simulator). */
  PUBLIC_URL: z
    .url({ protocol: /^https?$/, message: 'must be the http(s) origin browsers use, such as https://partner-graph.example.com' })
    .refine((value) => !URL.canParse(value) || new URL(value).pathname === '/', 'must be an origin only (no path)')
    .optional(),
  /**
   * Key (at least 32 characters) that encrypts sessions and on-behalf-of tokens at rest. session: required with a
   * real issuer; default a random key per process (sessions do not survive a restart). obo: default derived from OIDC_CLIENT_SECRET.
   */
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** How long a browser session lasts from sign-in, ms. Default 28800000 (8 hours). */
  SESSION_TTL_MS: integer(60_000, 30 * 24 * 3_600_000).default(8 * 3_600_000),
  /** Largest upstream response body accepted, bytes. Default 32 MiB. */
  UPSTREAM_MAX_BODY_BYTES: integer(1024, 1024 * 1024 * 1024).default(32 * 1024 * 1024),
  /**
   * Bytes of large upstream bodies (256 kB and more) executions may parse and hold at once, process-wide; more wait
   * (partner-center/transport/large-bodies.ts). Default 16 MiB; one body larger than the budget still runs alone.
   */
  UPSTREAM_LARGE_BODY_BUDGET_BYTES: integer(256 * 1024, 1024 * 1024 * 1024).default(16 * 1024 * 1024),
  /**
   * Bytes of large bodies being read or waiting for the budget (Buffers, outside the heap); a read that would pass
   * it stops and its field fails fast (UPSTREAM_UNAVAILABLE). Default 128 MiB.
   */
  UPSTREAM_LARGE_BODY_QUEUE_BYTES: integer(0, 1024 * 1024 * 1024).default(128 * 1024 * 1024),
  /** Most ids `customers(ids:)` accepts. Default 100. */
  MAX_CUSTOMER_IDS: integer(1, 10_000).default(DEFAULT_MAX_CUSTOMER_IDS),
  /**
   * Key that signs `customerList` cursors (HMAC-SHA256), at least 32 characters. Default: a random key per
   * process, so cursors do not survive a restart and do not work across replicas; set it for both.
   */
  CURSOR_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Market for catalog fields (`OrderLineItem.product`/`sku`) when no `country` argument is given. Default US. */
  DEFAULT_COUNTRY: z
    .string()
    .regex(/^[A-Za-z]{2}$/, 'must be an ISO 3166-1 alpha-2 country code such as US')
    .transform((value) => value.toUpperCase())
    .default('US'),
  /**
   * X-Locale sent upstream when the caller's Accept-Language names no supported Partner Center locale: one of
   * Partner Center's supported cultures, any case (e.g. de-DE). Default en-US.
   */
  DEFAULT_LOCALE: z
    .string()
    .refine((value) => supportedLocale(value) !== undefined, 'must be a locale Partner Center supports, such as en-US or de-DE')
    .transform((value) => supportedLocale(value) ?? value)
    .default('en-US'),
  /** Deepest selection a document may have (introspection exempt). Default 12. */
  MAX_QUERY_DEPTH: integer(1, 100).default(12),
  /** Most aliases in one document. Default 30. */
  MAX_QUERY_ALIASES: integer(0, 1000).default(30),
  /** Most directives in one document. Default 50. */
  MAX_QUERY_DIRECTIVES: integer(0, 1000).default(50),
  /** Most lexical tokens in one document; a parsed document's heap grows with them. Default 2000. */
  MAX_QUERY_TOKENS: integer(100, 100_000).default(2000),
  /** Largest document (the query text), UTF-8 bytes; refused before it is parsed. Default 16384. */
  MAX_QUERY_BYTES: integer(256, 10_000_000).default(16_384),
  /** Most field selections in one document, counting each fragment where it is spread. Default 1000. */
  MAX_QUERY_FIELDS: integer(1, 1_000_000).default(1000),
  /**
   * Most selections answering the same response field (same alias or name at the same path, fragments included);
   * graphql-js compares every pair of them. Default 10.
   */
  MAX_QUERY_FIELD_REPEATS: integer(1, 10_000).default(10),
  /** Most distinct fragments spread into one selection, nested spreads included; graphql-js compares every pair. Default 32. */
  MAX_QUERY_FRAGMENT_SPREADS: integer(1, 10_000).default(32),
  /** Deepest nesting of lists and objects in a request's `variables` or `extensions`. Default 32. */
  MAX_VARIABLES_DEPTH: integer(1, 1000).default(32),
  /** Most values (objects, lists, scalars) in a request's `variables` or `extensions`. Default 10000. */
  MAX_VARIABLES_VALUES: integer(1, 10_000_000).default(10_000),
  /**
   * Heap the parse/validation cache may hold, bytes (estimated from each document's tokens); only documents that
   * validated are kept. 0 turns the cache off. Default 16 MiB.
   */
  DOCUMENT_CACHE_BYTES: integer(0, 1024 * 1024 * 1024).default(16 * 1024 * 1024),
  /** Highest cost a document may have; lists multiply their selections (see README). Default 20000. */
  MAX_QUERY_COST: integer(1, 10_000_000).default(20_000),
  /** Partner Center calls one GraphQL request may ask for; the fields past it fail with QUERY_TOO_COMPLEX. Default 200. */
  MAX_UPSTREAM_CALLS_PER_REQUEST: integer(1, 1_000_000).default(200),
  /** Largest request body, bytes. Default 100000. */
  MAX_REQUEST_BYTES: integer(1024, 50_000_000).default(100_000),
  /** Largest body of a router's entity fetch (an operation asking only `_entities`), bytes; never below MAX_REQUEST_BYTES. Default 1000000. */
  MAX_ENTITIES_REQUEST_BYTES: integer(1024, 50_000_000).default(1_000_000),
  /** Answer introspection (`__schema`, `__type`). Default true; turn off in production if clients do not need it. */
  INTROSPECTION: boolean.default(true),
  /** Require a header that forces a CORS preflight on GET and simple POSTs (CSRF prevention). Default true. */
  CSRF_PREVENTION: boolean.default(true),
  /** Path of a JSON manifest {"<sha256 hash>": "<document>"}; when set, only these operations run. */
  TRUSTED_DOCUMENTS: z.string().min(1).optional(),
  /** Serve GraphiQL at /graphql for browsers. Default: off with NODE_ENV=production, on in development/test or on the embedded simulator. */
  GRAPHIQL: boolean.optional(),
  /** Serve Prometheus metrics at GET /metrics. Default true. */
  METRICS: boolean.default(true),
  /** Publish `@authenticated` in the subgraph SDL (`_service`); Apollo Gateway (JS) refuses supergraphs that use it, so set false there. Default true. */
  FEDERATION_AUTHENTICATED: boolean.default(true),
  /**
   * Run a document with graphql-jit from its Nth execution on (plugins/performance/use-jit.ts); 0 turns graphql-jit off.
   * Default 10: a frontend's operations are compiled within seconds, one-off documents never.
   */
  GRAPHQL_JIT_AFTER: integer(0, 1_000_000).default(10),
  /** OTLP/HTTP collector base URL; spans go to `<url>/v1/traces`. Unset: no tracing. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL such as http://otel-collector:4318' }).optional(),
  /** `service.name` of the spans. Default partner-graph. */
  OTEL_SERVICE_NAME: z.string().min(1).max(200).default('partner-graph'),
  /** Latency of the embedded simulator, ms (only without PARTNER_CENTER_URL). Default 0. */
  SIMULATOR_LATENCY_MS: integer(0, 60_000).default(0),
  /** Port of the embedded simulator (only without PARTNER_CENTER_URL). Default 0: any free port. */
  SIMULATOR_PORT: integer(0, 65_535).default(0),
  /**
   * How long in-flight requests may take to finish after SIGTERM, ms; those still running then are answered 503
   * SHUTTING_DOWN. Default REQUEST_DEADLINE_MS + 5000, so every request reaches its own deadline first.
   */
  SHUTDOWN_GRACE_MS: integer(0, 600_000).optional(),
  /** After SIGTERM, keep serving (not ready) this long so load balancers stop routing first, ms. Default 0. */
  SHUTDOWN_DELAY_MS: integer(0, 600_000).default(0),
  /** Redis for state replicas share (sessions, tokens, APQ, the partner budget), redis:// or rediss://. Unset: in-process. */
  REDIS_URL: z.url({ protocol: /^rediss?$/, message: 'must be a redis:// or rediss:// URL' }).optional(),
  /** Prefix of every Redis key, so gateways of several environments can share one Redis. Default partner-graph:. */
  REDIS_KEY_PREFIX: z.string().min(1).max(100).regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces').default('partner-graph:'),
  /** How long a Redis command may take before this replica serves from its own state, ms. Default 1000. */
  REDIS_COMMAND_TIMEOUT_MS: integer(10, 60_000).default(1000),
  /** Partner Center calls per partner per minute, across every replica; 0 turns the budget off. Default 500. */
  PARTNER_BUDGET_PER_MINUTE: integer(0, 1_000_000).default(500),
  /** Replicas sharing the budget: while Redis is down each keeps 1/N of it. Default 1. */
  GATEWAY_REPLICAS: integer(1, 1000).default(1),
}).superRefine((v, ctx) => {
  const missing = (name: string, why: string) => ctx.addIssue({ code: 'custom', path: [name], message: `is required ${why}` });
  // Without PARTNER_CENTER_URL the embedded simulator's identity provider stands in for the issuer (main.ts).
  const real = v.PARTNER_CENTER_URL !== undefined;
  if (v.AUTH_MODE === 'obo') {
    for (const name of ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'AUTH_AUDIENCE'] as const) {
      if (real && v[name] === undefined) missing(name, 'with AUTH_MODE=obo');
    }
  }
  if (v.AUTH_MODE === 'session') {
    for (const name of ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'PUBLIC_URL', 'SESSION_SECRET'] as const) {
      if (real && v[name] === undefined) missing(name, 'with AUTH_MODE=session');
    }
    if (v.CORS_ORIGINS.trim() === '*') {
      ctx.addIssue({ code: 'custom', path: ['CORS_ORIGINS'], message: 'must list origins with AUTH_MODE=session: cookies are never sent to any origin (*)' });
    }
  }
});

/** What the default shutdown grace adds to the request deadline: time to write the answers out. */
const SHUTDOWN_GRACE_MARGIN_MS = 5000;

export const PARTNER_CENTER_AUDIENCE = 'https://api.partnercenter.microsoft.com';

/** The settings nested by concern, built from the validated variables; defaults that depend on others are made here. */
const configSchema = envSchema.transform((v) =>
  deepFreeze({
    env: v.NODE_ENV,
    port: v.PORT,
    host: v.HOST,
    /** Partner Center origin (no trailing slash), or undefined to embed the simulator. */
    partnerCenterUrl: v.PARTNER_CENTER_URL === undefined ? undefined : new URL(v.PARTNER_CENTER_URL).origin,
    applicationName: v.PARTNER_CENTER_APPLICATION,
    log: { level: v.LOG_LEVEL, pretty: v.LOG_PRETTY ?? v.NODE_ENV === 'development' },
    upstream: {
      timeoutMs: v.UPSTREAM_TIMEOUT_MS,
      connections: v.UPSTREAM_CONNECTIONS ?? Math.min(v.UPSTREAM_MAX_CONCURRENT, 1024),
      concurrencyPerRequest: v.UPSTREAM_CONCURRENCY_PER_REQUEST,
      maxBodyBytes: v.UPSTREAM_MAX_BODY_BYTES,
      largeBodyBudgetBytes: v.UPSTREAM_LARGE_BODY_BUDGET_BYTES,
      largeBodyQueueBytes: v.UPSTREAM_LARGE_BODY_QUEUE_BYTES,
      retries: v.UPSTREAM_RETRIES,
      retryBaseDelayMs: v.UPSTREAM_RETRY_BASE_DELAY_MS,
      maxRetryAfterMs: v.UPSTREAM_MAX_RETRY_AFTER_MS,
      breakerFailureRate: v.UPSTREAM_BREAKER_FAILURE_RATE,
      breakerMinCalls: v.UPSTREAM_BREAKER_MIN_CALLS,
      breakerWindowMs: v.UPSTREAM_BREAKER_WINDOW_MS,
      breakerHalfOpenAfterMs: v.UPSTREAM_BREAKER_HALF_OPEN_MS,
      maxConcurrent: v.UPSTREAM_MAX_CONCURRENT,
      maxQueued: v.UPSTREAM_MAX_QUEUED,
      singleFlight: v.UPSTREAM_SINGLE_FLIGHT,
    },
    operationSingleFlight: v.OPERATION_SINGLE_FLIGHT,
    /** A shared execution's error-free result answers identical operations of its caller for `ms` more (0: never). */
    operationLinger: { ms: v.OPERATION_SINGLE_FLIGHT_LINGER_MS, max: v.OPERATION_SINGLE_FLIGHT_LINGER_MAX },
    requestDeadlineMs: v.REQUEST_DEADLINE_MS,
    corsOrigins: corsOrigins(v.CORS_ORIGINS),
    limits: {
      maxCustomerIds: v.MAX_CUSTOMER_IDS,
      maxDepth: v.MAX_QUERY_DEPTH,
      maxAliases: v.MAX_QUERY_ALIASES,
      maxDirectives: v.MAX_QUERY_DIRECTIVES,
      maxTokens: v.MAX_QUERY_TOKENS,
      maxQueryBytes: v.MAX_QUERY_BYTES,
      maxFields: v.MAX_QUERY_FIELDS,
      maxFieldRepeats: v.MAX_QUERY_FIELD_REPEATS,
      maxFragmentSpreads: v.MAX_QUERY_FRAGMENT_SPREADS,
      maxVariablesDepth: v.MAX_VARIABLES_DEPTH,
      maxVariablesValues: v.MAX_VARIABLES_VALUES,
      maxCost: v.MAX_QUERY_COST,
      maxUpstreamCallsPerRequest: v.MAX_UPSTREAM_CALLS_PER_REQUEST,
      maxRequestBytes: v.MAX_REQUEST_BYTES,
      maxEntitiesRequestBytes: Math.max(v.MAX_ENTITIES_REQUEST_BYTES, v.MAX_REQUEST_BYTES),
    },
    documentCacheBytes: v.DOCUMENT_CACHE_BYTES,
    security: { introspection: v.INTROSPECTION, csrfPrevention: v.CSRF_PREVENTION, trustedDocuments: v.TRUSTED_DOCUMENTS },
    // A public gateway serves no developer page unless asked to; `npm start` (embedded simulator) shows it.
    graphiql: v.GRAPHIQL ?? (v.NODE_ENV !== 'production' || v.PARTNER_CENTER_URL === undefined),
    metrics: { enabled: v.METRICS },
    federation: { authenticated: v.FEDERATION_AUTHENTICATED },
    jit: { after: v.GRAPHQL_JIT_AFTER },
    tracing: { otlpEndpoint: v.OTEL_EXPORTER_OTLP_ENDPOINT, serviceName: v.OTEL_SERVICE_NAME },
    /** `ephemeral`: the key was generated for this process (CURSOR_SECRET unset). */
    cursors: { secret: v.CURSOR_SECRET ?? randomBytes(32).toString('base64url'), ephemeral: v.CURSOR_SECRET === undefined },
    catalog: { defaultCountry: v.DEFAULT_COUNTRY },
    locale: { default: v.DEFAULT_LOCALE },
    simulator: { latencyMs: v.SIMULATOR_LATENCY_MS, port: v.SIMULATOR_PORT },
    shutdownGraceMs: v.SHUTDOWN_GRACE_MS ?? v.REQUEST_DEADLINE_MS + SHUTDOWN_GRACE_MARGIN_MS,
    shutdownDelayMs: v.SHUTDOWN_DELAY_MS,
    sharedState: { redisUrl: v.REDIS_URL, keyPrefix: v.REDIS_KEY_PREFIX, commandTimeoutMs: v.REDIS_COMMAND_TIMEOUT_MS },
    partnerBudget: { perMinute: v.PARTNER_BUDGET_PER_MINUTE, replicas: v.GATEWAY_REPLICAS },
    auth: {
      mode: v.AUTH_MODE,
      /** Undefined in passthrough means no verification. */
      issuer: v.OIDC_ISSUER,
      audience: v.AUTH_AUDIENCE ?? PARTNER_CENTER_AUDIENCE,
      clientId: v.OIDC_CLIENT_ID,
      clientSecret: v.OIDC_CLIENT_SECRET,
      partnerCenterScope: v.PARTNER_CENTER_SCOPE,
      publicUrl: v.PUBLIC_URL === undefined ? (v.AUTH_MODE === 'session' ? `http://localhost:${v.PORT}` : undefined) : new URL(v.PUBLIC_URL).origin,
      /** Encrypts sessions and on-behalf-of tokens at rest. */
      secret: v.SESSION_SECRET ?? (v.AUTH_MODE === 'session' ? randomBytes(32).toString('base64url') : undefined),
      sessionTtlMs: v.SESSION_TTL_MS,
    },
  }),
);

/** Every setting, nested by concern, deeply read-only. */
export type Config = z.output<typeof configSchema>;

/** Who the caller is and how the gateway gets its Partner Center token (src/auth). */
export type AuthConfig = Config['auth'];

/** The variables `loadConfig` knows; anything else in the environment is ignored. */
export const CONFIG_VARIABLES = Object.freeze(Object.keys(envSchema.shape));

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
  const parsed = configSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new ConfigError(
    parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? '(environment)');
      // A secret is never echoed, not even a rejected one.
      const shown = name.endsWith('_SECRET') || name === 'REDIS_URL' ? '[redacted]' : JSON.stringify(input[name] ?? '');
      return `${name}=${shown}: ${issue.message}`;
    }),
  );
}

/** '*' or the list of allowed origins. */
function corsOrigins(value: string): '*' | string[] {
  return value.trim() === '*' ? '*' : value.split(',').map((origin) => origin.trim()).filter(Boolean);
}

type DeepReadonly<T> = T extends readonly (infer Item)[]
  ? readonly DeepReadonly<Item>[]
  : T extends object
    ? { readonly [Key in keyof T]: DeepReadonly<T[Key]> }
    : T;

function deepFreeze<T extends object>(value: T): DeepReadonly<T> {
  for (const child of Object.values(value)) {
    if (child !== null && typeof child === 'object') deepFreeze(child);
  }
  return Object.freeze(value) as DeepReadonly<T>;
}
