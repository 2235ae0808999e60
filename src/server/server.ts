import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { App } from '../app/create-app.js';
import { ErrorCode } from '../errors.js';
import { createHttpDrain, type GraceEnd } from './http-drain.js';
import type { HttpExchange } from './http-exchange.js';
import { clientErrorRefusal, normalizeTarget, rawRefusal, refusal, refusalBody, refusalHeaders, type Refusal } from './http-refusal.js';
import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import { elapsedMs, logRequest } from '../observability/request-log.js';
import { CORRELATION_HEADER, correlationIdOf } from '../app/request-state.js';

export interface RunningServer {
  readonly server: Server;
  /** e.g. http://127.0.0.1:4000 */
  readonly url: string;
  /** From now on every response says `Connection: close` and its socket closes after it (shutdown's first step). */
  drain(): void;
  /**
   * Stops accepting connections (draining, if not yet), closes sockets that stay quiet between requests and
   * lets in-flight requests finish; those still in flight after `graceMs` are answered 503 SHUTTING_DOWN.
   * Resolves when every connection is closed.
   */
  close(graceMs?: number): Promise<void>;
}

/** Node's limits on a request's arrival, ms. */
export interface ArrivalTimeouts {
  /** Time to receive the headers (slow-loris protection): 408. Default 20000. */
  headersMs: number;
  /** Time to receive the whole request: 408. Default 60000. */
  requestMs: number;
  /** How often Node checks both. Default 1000 (Node's own default is 30000, which would stretch them by up to 30 s). */
  checkEveryMs: number;
}

export interface ListenOptions {
  app: App;
  port: number;
  host: string;
  logger: Logger;
  /** Where refusals and cut requests are counted: the app's metrics. Default: not counted. */
  metrics?: Metrics;
  /** Default: see ArrivalTimeouts. Tests shorten them. */
  timeouts?: Partial<ArrivalTimeouts>;
}

const SHUTTING_DOWN = refusal(ErrorCode.SHUTTING_DOWN, 'The gateway is shutting down; send the request again.');
const EXPECTATION = refusal(ErrorCode.BAD_REQUEST, 'Only "Expect: 100-continue" is supported.', 'expectation');
/** How long a socket answered by a raw refusal may stay open for the client to read it. */
const REFUSAL_LINGER_MS = 1000;

export async function listen({ app, port, host, logger, metrics, timeouts = {} }: ListenOptions): Promise<RunningServer> {
  // The Host check is ours (normalizeTarget), so a missing Host is answered like every other refusal.
  const server = createServer({ requireHostHeader: false, connectionsCheckingInterval: timeouts.checkEveryMs ?? 1000 });
  server.headersTimeout = timeouts.headersMs ?? 20_000;
  server.requestTimeout = timeouts.requestMs ?? 60_000;
  // Longer than typical load balancer idle timeouts (60 s), so the balancer closes first.
  server.keepAliveTimeout = 65_000;
  const drain = createHttpDrain(server);

  /** The request's one log line and its counts, for an answer the server wrote itself. */
  const report = (correlationId: string, startedAt: number, { status, code }: Refusal) => {
    logRequest(logger, { correlationId, operationName: null, status, durationMs: elapsedMs(startedAt), upstreamCalls: 0, outcome: 'error', errorCodes: [code] });
    metrics?.countErrors([code]);
    metrics?.countRefusal(status, code);
  };
  const answer = (res: ServerResponse, exchange: HttpExchange, refusal: Refusal) => {
    exchange.answeredByServer = true;
    const body = refusalBody(refusal, exchange.correlationId);
    res.writeHead(refusal.status, refusalHeaders(body, exchange.correlationId)).end(body);
    report(exchange.correlationId, exchange.startedAt, refusal);
  };
  const refused = new WeakSet<Socket>();
  const answerRaw = (socket: Socket, refusal: Refusal) => {
    const correlationId = randomUUID();
    refused.add(socket);
    socket.end(rawRefusal(refusal, correlationId));
    // A client that never closes its side must not hold the socket.
    setTimeout(() => socket.destroy(), REFUSAL_LINGER_MS).unref();
    report(correlationId, performance.now(), refusal);
  };

  const handle = (req: IncomingMessage, res: ServerResponse, refusal?: Refusal) => {
    const exchange: HttpExchange = { correlationId: correlationIdOf(req.headers[CORRELATION_HEADER]), startedAt: performance.now(), answeredByServer: false };
    drain.track(req, res, exchange);
    const refusedTarget = refusal ?? normalizeTarget(req);
    if (refusedTarget) answer(res, exchange, refusedTarget);
    else void app(req, res, { exchange });
  };
  server.on('request', (req: IncomingMessage, res: ServerResponse) => handle(req, res));
  server.on('checkExpectation', (req: IncomingMessage, res: ServerResponse) => handle(req, res, EXPECTATION));
  // What Node's parser refuses never reaches a handler: answered here, as JSON, logged and counted like the rest.
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (refused.has(socket)) return;
    const refusal = clientErrorRefusal(error);
    if (!refusal || !socket.writable || drain.responding(socket)) {
      logger.debug({ err: { code: error.code, message: error.message } }, 'client error');
      socket.destroy();
      return;
    }
    answerRaw(socket, refusal);
  });

  const graceEnd: GraceEnd = {
    cut: ({ res, exchange }) => answer(res, exchange, SHUTTING_DOWN),
    truncated: ({ res, exchange }) => {
      exchange.answeredByServer = true;
      logger.warn({ correlationId: exchange.correlationId, status: res.statusCode }, 'response cut at the shutdown grace');
      metrics?.countRefusal(res.statusCode, ErrorCode.SHUTTING_DOWN);
    },
    partial: (socket) => answerRaw(socket, SHUTTING_DOWN),
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    server,
    url: `http://${shownHost === '0.0.0.0' || shownHost === '[::]' ? 'localhost' : shownHost}:${address.port}`,
    drain: () => drain.begin(),
    close: (graceMs = 10_000) => drain.close(graceMs, graceEnd),
  };
}
