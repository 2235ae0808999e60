import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('loadConfig', () => {
  it('applies documented defaults to an empty environment', () => {
    const config = loadConfig({});
    expect(config.port).toBe(4000);
    expect(config.host).toBe('0.0.0.0');
    expect(config.partnerCenterUrl).toBeUndefined();
    expect(config.applicationName).toBe('partner-graph');
    expect(config.upstream).toEqual({
      timeoutMs: 10_000,
      connections: 128,
      concurrencyPerRequest: 25,
      maxBodyBytes: 32 * 1024 * 1024,
      largeBodyBudgetBytes: 16 * 1024 * 1024,
      largeBodyQueueBytes: 128 * 1024 * 1024,
      retries: 2,
      retryBaseDelayMs: 100,
      maxRetryAfterMs: 2000,
      breakerFailureRate: 0.5,
      breakerMinCalls: 20,
      breakerWindowMs: 10_000,
      breakerHalfOpenAfterMs: 10_000,
      maxConcurrent: 128,
      maxQueued: 4096,
      singleFlight: true,
    });
    expect(config.operationSingleFlight).toBe(true);
    expect(config.operationLinger).toEqual({ ms: 1000, max: 256 });
    expect(config.requestDeadlineMs).toBe(15_000);
    expect(config.corsOrigins).toBe('*');
    expect(config.limits.maxCustomerIds).toBe(100);
    expect(config.limits.maxUpstreamCallsPerRequest).toBe(200);
    expect(config.limits).toMatchObject({
      maxTokens: 2000,
      maxQueryBytes: 16_384,
      maxFields: 1000,
      maxFieldRepeats: 10,
      maxFragmentSpreads: 32,
      maxVariablesDepth: 32,
      maxVariablesValues: 10_000,
    });
    expect(config.documentCacheBytes).toBe(16 * 1024 * 1024);
    expect(config.log).toEqual({ level: 'info', pretty: false });
    expect(config.graphiql).toBe(true);
  });

  it('reads every variable it knows and normalises the upstream URL to its origin', () => {
    const config = loadConfig({
      PORT: '8081',
      HOST: '127.0.0.1',
      PARTNER_CENTER_URL: 'https://api.partnercenter.microsoft.com/',
      PARTNER_CENTER_APPLICATION: 'portal',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'development',
      UPSTREAM_TIMEOUT_MS: '2500',
      UPSTREAM_CONCURRENCY_PER_REQUEST: '3',
      MAX_CUSTOMER_IDS: '7',
      MAX_UPSTREAM_CALLS_PER_REQUEST: '9',
      GRAPHIQL: 'false',
      OPERATION_SINGLE_FLIGHT: 'false',
      OPERATION_SINGLE_FLIGHT_LINGER_MS: '0',
      OPERATION_SINGLE_FLIGHT_LINGER_MAX: '10',
      MAX_QUERY_BYTES: '4096',
      MAX_QUERY_FIELDS: '50',
      MAX_QUERY_FIELD_REPEATS: '2',
      MAX_QUERY_FRAGMENT_SPREADS: '3',
      MAX_VARIABLES_DEPTH: '5',
      MAX_VARIABLES_VALUES: '100',
      DOCUMENT_CACHE_BYTES: '0',
    });
    expect(config.port).toBe(8081);
    expect(config.partnerCenterUrl).toBe('https://api.partnercenter.microsoft.com');
    expect(config.applicationName).toBe('portal');
    expect(config.log).toEqual({ level: 'warn', pretty: true });
    expect(config.upstream.timeoutMs).toBe(2500);
    expect(config.upstream.concurrencyPerRequest).toBe(3);
    expect(config.limits.maxCustomerIds).toBe(7);
    expect(config.limits.maxUpstreamCallsPerRequest).toBe(9);
    expect(config.graphiql).toBe(false);
    expect(config.operationSingleFlight).toBe(false);
    expect(config.operationLinger).toEqual({ ms: 0, max: 10 });
    expect(config.limits).toMatchObject({ maxQueryBytes: 4096, maxFields: 50, maxFieldRepeats: 2, maxFragmentSpreads: 3, maxVariablesDepth: 5, maxVariablesValues: 100 });
    expect(config.documentCacheBytes).toBe(0);
  });

  it('serves GraphiQL by default only outside production or on the embedded simulator; GRAPHIQL always wins', () => {
    const upstream = 'https://api.partnercenter.microsoft.com';
    const cases: [Record<string, string>, boolean][] = [
      [{}, true], // npm start: NODE_ENV defaults to production, but the simulator is embedded
      [{ PARTNER_CENTER_URL: upstream }, false],
      [{ NODE_ENV: 'production', PARTNER_CENTER_URL: upstream }, false],
      [{ NODE_ENV: 'development', PARTNER_CENTER_URL: upstream }, true],
      [{ NODE_ENV: 'test', PARTNER_CENTER_URL: upstream }, true],
      [{ NODE_ENV: 'production', PARTNER_CENTER_URL: upstream, GRAPHIQL: 'true' }, true],
      [{ NODE_ENV: 'development', GRAPHIQL: 'false' }, false],
      [{ GRAPHIQL: 'false' }, false],
    ];
    expect(cases.map(([env]) => loadConfig(env).graphiql)).toEqual(cases.map(([, expected]) => expected));
  });

  it('sizes the upstream pool to the process-wide cap unless UPSTREAM_CONNECTIONS says otherwise', () => {
    expect(loadConfig({ UPSTREAM_MAX_CONCURRENT: '300' }).upstream.connections).toBe(300);
    expect(loadConfig({ UPSTREAM_MAX_CONCURRENT: '5000' }).upstream.connections).toBe(1024);
    expect(loadConfig({ UPSTREAM_MAX_CONCURRENT: '300', UPSTREAM_CONNECTIONS: '10' }).upstream.connections).toBe(10);
  });

  it('publishes @authenticated unless FEDERATION_AUTHENTICATED=false', () => {
    expect([loadConfig({}).federation.authenticated, loadConfig({ FEDERATION_AUTHENTICATED: 'false' }).federation.authenticated]).toEqual([true, false]);
  });

  it('gives entity fetches (MAX_ENTITIES_REQUEST_BYTES) 1 MB, never less than MAX_REQUEST_BYTES', () => {
    expect([loadConfig({}).limits.maxRequestBytes, loadConfig({}).limits.maxEntitiesRequestBytes]).toEqual([100_000, 1_000_000]);
    expect(loadConfig({ MAX_ENTITIES_REQUEST_BYTES: '300000' }).limits.maxEntitiesRequestBytes).toBe(300_000);
    expect(loadConfig({ MAX_REQUEST_BYTES: '2000000' }).limits.maxEntitiesRequestBytes).toBe(2_000_000);
    expect(() => loadConfig({ MAX_ENTITIES_REQUEST_BYTES: '100' })).toThrow(ConfigError);
  });

  it('gives the shutdown grace the request deadline plus 5 s unless SHUTDOWN_GRACE_MS says otherwise', () => {
    expect([loadConfig({}).shutdownGraceMs, loadConfig({}).shutdownDelayMs]).toEqual([20_000, 0]);
    expect(loadConfig({ REQUEST_DEADLINE_MS: '30000' }).shutdownGraceMs).toBe(35_000);
    expect(loadConfig({ REQUEST_DEADLINE_MS: '30000', SHUTDOWN_GRACE_MS: '1000' }).shutdownGraceMs).toBe(1000);
    expect(() => loadConfig({ SHUTDOWN_GRACE_MS: '-1' })).toThrow(ConfigError);
  });

  it('names every bad variable at once', () => {
    let caught: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        PARTNER_CENTER_URL: 'ftp://example.com',
        LOG_LEVEL: 'loud',
        UPSTREAM_TIMEOUT_MS: '-1',
        OPERATION_SINGLE_FLIGHT_LINGER_MS: '60001',
        OPERATION_SINGLE_FLIGHT_LINGER_MAX: '0',
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const problems = (caught as ConfigError).problems.map((p) => p.split('=')[0]);
    expect(problems.sort()).toEqual(['LOG_LEVEL', 'OPERATION_SINGLE_FLIGHT_LINGER_MAX', 'OPERATION_SINGLE_FLIGHT_LINGER_MS', 'PARTNER_CENTER_URL', 'PORT', 'UPSTREAM_TIMEOUT_MS']);
    expect((caught as ConfigError).message).toContain('PORT="eighty"');
  });

  it('refuses an upstream URL with a path, query or credentials rather than dropping them', () => {
    for (const url of ['https://pc.example.com/v1', 'https://pc.example.com/?x=1', 'https://user:pw@pc.example.com']) {
      expect(() => loadConfig({ PARTNER_CENTER_URL: url })).toThrow(/PARTNER_CENTER_URL/);
    }
  });

  it('treats empty strings as unset and returns a frozen object', () => {
    const config = loadConfig({ PORT: '', PARTNER_CENTER_URL: '  ' });
    expect(config.port).toBe(4000);
    expect(config.partnerCenterUrl).toBeUndefined();
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.upstream)).toBe(true);
  });

  describe('AUTH_MODE and its settings', () => {
    const SECRET = 'a-session-secret-of-at-least-32-characters';
    const problemsOf = (env: Record<string, string>) => {
      try {
        loadConfig(env);
      } catch (error) {
        return (error as ConfigError).problems;
      }
      return [];
    };

    it('defaults to passthrough without verification, Partner Center audience and scope, 8-hour sessions', () => {
      expect(loadConfig({}).auth).toEqual({
        mode: 'passthrough',
        issuer: undefined,
        audience: 'https://api.partnercenter.microsoft.com',
        clientId: undefined,
        clientSecret: undefined,
        partnerCenterScope: 'https://api.partnercenter.microsoft.com/user_impersonation',
        publicUrl: undefined,
        secret: undefined,
        sessionTtlMs: 28_800_000,
      });
    });

    it('reads every auth variable', () => {
      const auth = loadConfig({
        PARTNER_CENTER_URL: 'https://api.partnercenter.microsoft.com',
        AUTH_MODE: 'session',
        OIDC_ISSUER: 'https://login.microsoftonline.com/tenant/v2.0',
        AUTH_AUDIENCE: 'api://partner-graph',
        OIDC_CLIENT_ID: 'client',
        OIDC_CLIENT_SECRET: 'secret',
        PARTNER_CENTER_SCOPE: 'https://api.partnercenter.microsoft.com/.default',
        PUBLIC_URL: 'https://graph.example.com/',
        SESSION_SECRET: SECRET,
        SESSION_TTL_MS: '3600000',
        CORS_ORIGINS: 'https://app.example.com',
      }).auth;
      expect(auth).toEqual({
        mode: 'session',
        issuer: 'https://login.microsoftonline.com/tenant/v2.0',
        audience: 'api://partner-graph',
        clientId: 'client',
        clientSecret: 'secret',
        partnerCenterScope: 'https://api.partnercenter.microsoft.com/.default',
        publicUrl: 'https://graph.example.com',
        secret: SECRET,
        sessionTtlMs: 3_600_000,
      });
    });

    it('session against real Partner Center needs its issuer, client, PUBLIC_URL and SESSION_SECRET, and never CORS *', () => {
      const problems = problemsOf({ PARTNER_CENTER_URL: 'https://api.partnercenter.microsoft.com', AUTH_MODE: 'session' });
      expect(problems.map((p) => p.split('=')[0]).sort()).toEqual(['CORS_ORIGINS', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_ISSUER', 'PUBLIC_URL', 'SESSION_SECRET']);
      expect(problems.find((p) => p.startsWith('CORS_ORIGINS'))).toContain('must list origins with AUTH_MODE=session');
    });

    it('obo against real Partner Center needs its issuer, client and the gateway audience', () => {
      const problems = problemsOf({ PARTNER_CENTER_URL: 'https://api.partnercenter.microsoft.com', AUTH_MODE: 'obo' });
      expect(problems.map((p) => p.split('=')[0]).sort()).toEqual(['AUTH_AUDIENCE', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_ISSUER']);
    });

    it('on the embedded simulator session needs nothing: a random secret, PUBLIC_URL on localhost', () => {
      const auth = loadConfig({ AUTH_MODE: 'session', PORT: '4100', CORS_ORIGINS: 'http://localhost:4100' }).auth;
      expect(auth.publicUrl).toBe('http://localhost:4100');
      expect(auth.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    });

    it('refuses bad values, and never echoes a secret', () => {
      const problems = problemsOf({ AUTH_MODE: 'cookie', OIDC_ISSUER: 'ftp://x', PUBLIC_URL: 'https://x.example.com/app', SESSION_SECRET: 'short-secret', SESSION_TTL_MS: '10' });
      expect(problems.map((p) => p.split('=')[0]).sort()).toEqual(['AUTH_MODE', 'OIDC_ISSUER', 'PUBLIC_URL', 'SESSION_SECRET', 'SESSION_TTL_MS']);
      expect(problems.join('\n')).not.toContain('short-secret');
    });
  });
});

describe('DEFAULT_LOCALE', () => {
  it('defaults to en-US and takes a supported locale in any case', () => {
    expect(loadConfig({}).locale.default).toBe('en-US');
    expect(loadConfig({ DEFAULT_LOCALE: 'de-de' }).locale.default).toBe('de-DE');
  });

  it('refuses a locale Partner Center does not support', () => {
    expect(() => loadConfig({ DEFAULT_LOCALE: 'xx-YY' })).toThrow(ConfigError);
    try {
      loadConfig({ DEFAULT_LOCALE: 'en' });
    } catch (error) {
      expect((error as ConfigError).problems[0]).toMatch(/^DEFAULT_LOCALE="en": must be a locale/);
    }
  });
});
