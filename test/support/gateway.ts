import { Writable } from 'node:stream';
import { Agent, request } from 'undici';
import type { AppOptions } from '../../src/app/create-app.js';
import { createGateway } from '../../src/app/gateway.js';
import type { Lifecycle } from '../../src/app/lifecycle.js';
import { loadConfig, type Config } from '../../src/config.js';
import { createLogger } from '../../src/observability/logger.js';
import { listen, type ListenOptions } from '../../src/server/server.js';
import { createSimulator, type Simulator, type SimulatorOptions } from '../../src/simulator/simulator.js';

export const TOKEN = 'Bearer test-token-abc.def-123';

export interface LogLine {
  level: string;
  msg: string;
  correlationId?: string;
  [key: string]: unknown;
}

export interface GraphQLResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  };
}

export interface TestGateway {
  /** http://127.0.0.1:PORT */
  readonly url: string;
  /** Connections the gateway's HTTP server has accepted and not closed yet. */
  connections(): Promise<number>;
  readonly sim: Simulator;
  /** The simulator's own address, for reading what Partner Center sends directly. */
  readonly simUrl: string;
  readonly config: Config;
  /** Shutdown as main.ts runs it on SIGTERM: not ready, drain HTTP, close the upstream pool. */
  readonly lifecycle: Lifecycle;
  /** Every JSON log line the gateway wrote, parsed, and the raw text. */
  readonly logs: LogLine[];
  readonly rawLogs: string[];
  /** POST /graphql with the test token unless headers override it. */
  query(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse>;
  /** Upstream calls the simulator received under /v1 since the last reset. */
  upstream(): readonly { path: string; query: Record<string, string>; headers: Record<string, string> }[];
  resetUpstream(): void;
  close(): Promise<void>;
}

export interface StartOptions {
  env?: Record<string, string>;
  simulator?: SimulatorOptions;
  /** A shutdown step before the HTTP drain, as SHUTDOWN_DELAY_MS is in main.ts. */
  beforeDrain?: () => Promise<void>;
  /** GraphiQL's opening query and headers, as main.ts passes them with the embedded simulator. */
  graphiql?: AppOptions['graphiql'];
  /** Node's header and request timeouts (server.ts), shortened by the tests that wait for them. */
  timeouts?: ListenOptions['timeouts'];
  /** A per-test tracer (an in-memory exporter's provider): spans without global OpenTelemetry state. */
  tracer?: AppOptions['tracer'];
  /** The gateway's port. Default 0 (any free one). */
  port?: number;
}

/** A gateway of its own for one test: started, handed to `body`, and closed however `body` ends. */
export async function withGateway<T>(options: StartOptions, body: (gw: TestGateway) => Promise<T>): Promise<T> {
  const gw = await startGateway(options);
  try {
    return await body(gw);
  } finally {
    await gw.close();
  }
}

/** Simulator and gateway on 127.0.0.1 port 0, wired as main.ts wires them, with logs captured. */
export async function startGateway(options: StartOptions = {}): Promise<TestGateway> {
  const sim = createSimulator(options.simulator);
  const simServer = await sim.listen(0, '127.0.0.1');
  // The partner budget is off: most suites send more than a minute's budget with one token, and a
  // 429 fault would drain it for the rest of the file. Tests of the budget turn it on.
  // graphql-jit from the first execution, so every test's eligible documents run compiled (production: the second).
  const config = loadConfig({ NODE_ENV: 'test', PARTNER_CENTER_URL: simServer.url, LOG_LEVEL: 'debug', GRAPHQL_JIT_AFTER: '1', PARTNER_BUDGET_PER_MINUTE: '0', ...options.env });
  const rawLogs: string[] = [];
  const logs: LogLine[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line.trim() === '') continue;
        rawLogs.push(line);
        logs.push(JSON.parse(line) as LogLine);
      }
      callback();
    },
  });
  const logger = createLogger({ level: config.log.level, destination });
  const { app, lifecycle, agent, stores, metrics } = createGateway({
    config,
    logger,
    baseUrl: simServer.url,
    ...(options.graphiql ? { graphiql: options.graphiql } : {}),
    ...(options.tracer ? { tracer: options.tracer } : {}),
  });
  const server = await listen({ app, port: options.port ?? 0, host: '127.0.0.1', logger, ...(metrics ? { metrics } : {}), ...(options.timeouts ? { timeouts: options.timeouts } : {}) });
  const client = new Agent();
  // As main.ts, less the signal handling; `beforeDrain` stands in for SHUTDOWN_DELAY_MS.
  lifecycle.onShutdown('answer with Connection: close', async () => server.drain());
  if (options.beforeDrain) lifecycle.onShutdown('let load balancers notice', options.beforeDrain);
  lifecycle.onShutdown('drain HTTP', () => server.close(config.shutdownGraceMs));
  lifecycle.onShutdown('close upstream pool', () => agent.destroy());
  lifecycle.onShutdown('close shared state', () => stores.close());

  return {
    url: server.url,
    connections: () => new Promise((resolve, reject) => server.server.getConnections((error, count) => (error ? reject(error) : resolve(count)))),
    sim,
    simUrl: simServer.url,
    config,
    lifecycle,
    logs,
    rawLogs,
    async query(query, variables, headers = {}) {
      const response = await request(`${server.url}/graphql`, {
        method: 'POST',
        dispatcher: client,
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', authorization: TOKEN, ...headers },
        body: JSON.stringify({ query, ...(variables ? { variables } : {}) }),
      });
      const text = await response.body.text();
      return { status: response.statusCode, headers: response.headers, body: parseBody(response.statusCode, text) };
    },
    upstream: () => sim.requests.filter((r) => r.path.startsWith('/v1/')),
    resetUpstream: () => sim.clearRequests(),
    async close() {
      if (lifecycle.ready()) {
        await server.close(0);
        await agent.close();
        await stores.close();
      } else {
        await lifecycle.shutdown('test finished');
      }
      await client.close();
      await simServer.close();
    },
  };
}

/** The JSON body of a /graphql answer; anything else fails with the status and the text, not a bare SyntaxError. */
function parseBody(status: number, text: string): GraphQLResponse['body'] {
  try {
    return JSON.parse(text) as GraphQLResponse['body'];
  } catch {
    throw new Error(`POST /graphql answered ${status} with a body that is not JSON: ${text.slice(0, 1000)}`);
  }
}
