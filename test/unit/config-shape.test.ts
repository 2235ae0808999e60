import { describe, expect, expectTypeOf, it } from 'vitest';
import { CONFIG_VARIABLES, loadConfig, type Config } from '../../src/config.js';

/** A valid value for each variable that differs from its default. */
const SAMPLES: Record<string, string> = {
  NODE_ENV: 'development',
  PORT: '8081',
  HOST: '127.0.0.1',
  PARTNER_CENTER_URL: 'https://api.example.com',
  PARTNER_CENTER_APPLICATION: 'portal',
  LOG_LEVEL: 'warn',
  LOG_PRETTY: 'true',
  UPSTREAM_TIMEOUT_MS: '2500',
  UPSTREAM_CONNECTIONS: '64',
  UPSTREAM_CONCURRENCY_PER_REQUEST: '3',
  UPSTREAM_RETRIES: '0',
  UPSTREAM_RETRY_BASE_DELAY_MS: '50',
  UPSTREAM_MAX_RETRY_AFTER_MS: '0',
  UPSTREAM_BREAKER_FAILURE_RATE: '0.25',
  UPSTREAM_BREAKER_MIN_CALLS: '5',
  UPSTREAM_BREAKER_WINDOW_MS: '5000',
  UPSTREAM_BREAKER_HALF_OPEN_MS: '5000',
  UPSTREAM_MAX_CONCURRENT: '16',
  UPSTREAM_MAX_QUEUED: '10',
  UPSTREAM_SINGLE_FLIGHT: 'false',
  OPERATION_SINGLE_FLIGHT: 'false',
  OPERATION_SINGLE_FLIGHT_LINGER_MS: '0',
  OPERATION_SINGLE_FLIGHT_LINGER_MAX: '10',
  REQUEST_DEADLINE_MS: '5000',
  CORS_ORIGINS: 'https://app.example.com',
  AUTH_MODE: 'obo',
  OIDC_ISSUER: 'https://login.example.com/tenant/v2.0',
  AUTH_AUDIENCE: 'api://partner-graph',
  OIDC_CLIENT_ID: 'client',
  OIDC_CLIENT_SECRET: 'client-secret',
  PARTNER_CENTER_SCOPE: 'api://other/.default',
  PUBLIC_URL: 'https://gateway.example.com',
  SESSION_SECRET: 's'.repeat(32),
  SESSION_TTL_MS: '3600000',
  UPSTREAM_MAX_BODY_BYTES: '1048576',
  UPSTREAM_LARGE_BODY_BUDGET_BYTES: '1048576',
  UPSTREAM_LARGE_BODY_QUEUE_BYTES: '0',
  MAX_CUSTOMER_IDS: '7',
  CURSOR_SECRET: 'd'.repeat(32),
  DEFAULT_COUNTRY: 'DE',
  DEFAULT_LOCALE: 'de-DE',
  MAX_QUERY_DEPTH: '5',
  MAX_QUERY_ALIASES: '5',
  MAX_QUERY_DIRECTIVES: '5',
  MAX_QUERY_TOKENS: '500',
  MAX_QUERY_BYTES: '4096',
  MAX_QUERY_FIELDS: '50',
  MAX_QUERY_FIELD_REPEATS: '2',
  MAX_QUERY_FRAGMENT_SPREADS: '3',
  MAX_VARIABLES_DEPTH: '5',
  MAX_VARIABLES_VALUES: '100',
  DOCUMENT_CACHE_BYTES: '0',
  MAX_QUERY_COST: '100',
  MAX_UPSTREAM_CALLS_PER_REQUEST: '9',
  MAX_REQUEST_BYTES: '2048',
  MAX_ENTITIES_REQUEST_BYTES: '2000000',
  INTROSPECTION: 'false',
  CSRF_PREVENTION: 'false',
  TRUSTED_DOCUMENTS: 'manifest.json',
  GRAPHIQL: 'false',
  METRICS: 'false',
  FEDERATION_AUTHENTICATED: 'false',
  GRAPHQL_JIT_AFTER: '0',
  OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel-collector:4318',
  OTEL_SERVICE_NAME: 'gateway',
  SIMULATOR_LATENCY_MS: '20',
  SIMULATOR_PORT: '4010',
  SHUTDOWN_GRACE_MS: '1000',
  SHUTDOWN_DELAY_MS: '1000',
  REDIS_URL: 'redis://localhost:6379',
  REDIS_KEY_PREFIX: 'staging:',
  REDIS_COMMAND_TIMEOUT_MS: '500',
  PARTNER_BUDGET_PER_MINUTE: '0',
  GATEWAY_REPLICAS: '3',
};

/** A fixed cursor key, so two loads of the same environment are equal. */
const BASE = { CURSOR_SECRET: 'c'.repeat(32) };

function frozenEverywhere(value: object): boolean {
  return Object.isFrozen(value) && Object.values(value).every((child) => child === null || typeof child !== 'object' || frozenEverywhere(child));
}

describe('Config, built from the variables in one place', () => {
  it('has a sample for exactly the variables loadConfig knows', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual([...CONFIG_VARIABLES].sort());
  });

  it.each(Object.entries(SAMPLES))('reaches the Config from %s', (name, value) => {
    expect(loadConfig({ ...BASE, [name]: value })).not.toEqual(loadConfig(BASE));
  });

  it('is frozen at every level', () => {
    expect(frozenEverywhere(loadConfig({ CORS_ORIGINS: 'https://a.example.com,https://b.example.com' }))).toBe(true);
  });

  it('is read-only at every level in its type', () => {
    const config = loadConfig(BASE);
    expectTypeOf(config.upstream).toEqualTypeOf<Readonly<Config['upstream']>>();
    expectTypeOf(config.corsOrigins).toEqualTypeOf<'*' | readonly string[]>();
    // @ts-expect-error a nested setting cannot be assigned
    expect(() => (config.limits.maxDepth = 1)).toThrow(TypeError);
  });
});
