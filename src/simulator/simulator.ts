/**
 * Partner Center REST API simulator (contract: /work/shared/partner-center/API-FACTS.md). A plain node:http
 * request listener plus test hooks: request log, in-flight counters, latency and fault injection.
 *
 * Pipeline per request: record → control endpoints | (take fault → latency → fault → route 404/405 → auth → route).
 */
import { randomInt } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticate, createTokenCheck, type AuthResult, type IdentityCheck } from './auth.js';
import { familyOf, RateLimiter, type RateLimitOptions } from './rate-limit.js';
import { TokenCodec } from './continuation.js';
import { controlReply } from './control.js';
import { createData, type SimulatorData } from './data.js';
import { dispatch } from './dispatch.js';
import { Faults, type Reply } from './errors.js';
import { FaultBook, applyFault, type FaultRule } from './faults.js';
import { isStreamReply } from './invoice-routes.js';
import { baseHeaders, delay, sendReply, type Exchange } from './http-io.js';
import { RequestLog, type RecordedRequest } from './request-log.js';
import { headerValue } from './route-context.js';
import { isControlPath, matchRoute, type RouteMatch } from './routes.js';
import { serve, type ListeningSimulator } from './server.js';

export interface SimulatorOptions {
  /** Added latency before every response, ms. Default 0. */
  latencyMs?: number;
  /** PRNG seed. Default 42. */
  seed?: number;
  /** How many generated customers besides the fixed ones. Default 40. */
  customerCount?: number;
  /** bearer token -> partner tenant id. Default: every bearer token acts as DEFAULT_PARTNER_ID. When set, an unknown token gets 401. */
  tokens?: Record<string, string>;
  /**
   * Strict mode: accept only tokens this identity provider (identity-provider.ts) signed for the Partner Center
   * audience, each acting as the partner its `tid` names. Takes precedence over `tokens`.
   */
  identity?: IdentityCheck;
  /** Clock, ms since epoch: the delayed listing of DELAYED_ORDER_ID and the rate limit. Default Date.now. */
  now?: () => number;
  /** Partner Center's throttle: a token bucket per partner, customer and resource family. Default 500 a minute; false turns it off. */
  rateLimit?: RateLimitOptions | false;
}

export interface Simulator {
  /** node:http request listener, usable with http.createServer */
  handler: (req: IncomingMessage, res: ServerResponse) => void;
  /** Starts on 127.0.0.1 port 0 by default. */
  listen(port?: number, host?: string): Promise<ListeningSimulator>;
  /** Every request received, in arrival order (including control and failed ones). */
  readonly requests: readonly RecordedRequest[];
  clearRequests(): void;
  /** Resolves when at least n requests (excluding /_simulator control calls) have been recorded since the last clear. */
  waitForRequests(n: number): Promise<void>;
  /** Current and peak number of /v1 requests being handled at once (peak resettable). */
  readonly inFlight: number;
  readonly peakInFlight: number;
  resetPeak(): void;
  /** The data set, so tests can compute expected answers. */
  readonly data: SimulatorData;
  /** Clock value (options.now) when the simulator was created. */
  readonly startedAt: number;
  /** Adds a fault rule; returns a function that removes it. */
  inject(rule: FaultRule): () => void;
  clearFaults(): void;
  setLatency(ms: number): void;
}

function checkMs(name: string, ms: number): number {
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`${name} must be a finite number >= 0, got ${ms}`);
  return ms;
}

export function createSimulator(options: SimulatorOptions = {}): Simulator {
  const customerCount = options.customerCount ?? 40;
  if (!Number.isInteger(customerCount) || customerCount < 0) throw new RangeError(`customerCount must be an integer >= 0`);
  const data = createData(options.seed ?? 42, customerCount);
  const now = options.now ?? Date.now;
  const startedAt = now();
  const log = new RequestLog();
  const faults = new FaultBook();
  const tokenCodec = new TokenCodec();
  const serverId = String(randomInt(100_000_000, 1_000_000_000));
  let latencyMs = checkMs('latencyMs', options.latencyMs ?? 0);
  const limiter = options.rateLimit === false ? undefined : new RateLimiter(options.rateLimit ?? { perMinute: 500 }, now);
  let inFlight = 0;
  const checkToken = options.identity ? createTokenCheck(options.identity) : undefined;
  let peakInFlight = 0;

  /** Counts a /v1 request as in flight until it is answered or its connection closes, whichever comes first. */
  function track(res: ServerResponse): () => void {
    inFlight++;
    peakInFlight = Math.max(peakInFlight, inFlight);
    let done = false;
    const release = (): void => {
      if (done) return;
      done = true;
      inFlight--;
    };
    res.once('close', release);
    return release;
  }

  function answer(req: IncomingMessage, url: URL, route: RouteMatch | undefined, auth: AuthResult): Reply {
    if (!route) return Faults.routeNotFound();
    if (req.method !== 'GET') return Faults.methodNotAllowed();
    if (!auth.ok) return auth.reply;
    const allowed = limiter?.take(auth.partnerId, route.customerId, familyOf(route.name));
    if (allowed && !allowed.ok) return Faults.throttled(allowed.retryAfterSeconds);
    return dispatch({
      data, partnerId: auth.partnerId, route, query: url.searchParams, headers: req.headers, tokens: tokenCodec,
      uptimeMs: now() - startedAt,
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    req.resume(); // bodies are never read; drain them so keep-alive connections stay usable
    const url = new URL(req.url ?? '/', 'http://simulator.invalid');
    const method = req.method ?? 'GET';
    const control = isControlPath(url.pathname);
    const entry = log.record(req, url, control);
    const counted = !control && (url.pathname === '/v1' || url.pathname.startsWith('/v1/'));
    const ex: Exchange = { req, res, entry, baseHeaders: baseHeaders(req, serverId), onSent: counted ? track(res) : () => {} };
    if (control) return sendReply(ex, controlReply(method, url.pathname, log));
    const route = matchRoute(url.pathname);
    const fault = faults.take({ method, path: url.pathname, route });
    await delay(latencyMs, res);
    if (fault && (await applyFault(ex, fault)) === 'handled') return;
    let reply: Reply;
    try {
      const authorization = headerValue(req.headers, 'authorization');
      const auth = checkToken ? await checkToken(authorization) : authenticate(authorization, options.tokens);
      reply = answer(req, url, route, auth);
    } catch {
      reply = Faults.internal(); // a simulator bug should look like an upstream 500, not crash the test run
    }
    if (isStreamReply(reply)) return reply.stream(ex);
    sendReply(ex, reply);
  }

  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.destroy();
    });
  };

  return {
    handler,
    listen: (port = 0, host = '127.0.0.1') => serve(handler, port, host),
    get requests() { return log.all; },
    clearRequests: () => log.clear(),
    waitForRequests: (n) => log.waitFor(n),
    get inFlight() { return inFlight; },
    get peakInFlight() { return peakInFlight; },
    resetPeak: () => { peakInFlight = inFlight; },
    data,
    startedAt,
    inject: (rule) => faults.add(rule),
    clearFaults: () => faults.clear(),
    setLatency: (ms) => { latencyMs = checkMs('latency', ms); },
  };
}

export {
  BIG_CUSTOMER_ID, BIG_CUSTOMER_ORDER_COUNT, DEFAULT_PARTNER_ID, DELAYED_CUSTOMER_ID, DELAYED_ORDER_ID,
  DELAYED_ORDER_LIST_DELAY_MS, FOREIGN_CUSTOMER_ID, OTHER_PARTNER_ID, QUIRKS_CUSTOMER_ID, SEED_000_CUSTOMER_ID,
  SEED_000_ORDER_IDS, SEED_004_CUSTOMER_ID, SEED_004_ORDER_IDS, BILLING_ORDER_ID, UNAVAILABLE_ITEM_ORDER_ID, UNAVAILABLE_PRODUCT_ID,
  SYSTEM_PURCHASE_ORDER_ID, SYSTEM_BILLING_ORDER_ID,
} from './constants.js';
export type { CustomerRecord, SimulatorData } from './data.js';
export type { Fault, FaultMatch, FaultRule, StatusFault } from './faults.js';
export type { RecordedRequest } from './request-log.js';
export type { ListeningSimulator } from './server.js';
export type { RouteName } from './routes.js';
export type * from './types.js';
export { BILLING_CYCLES, normalizeBillingCycle, orderBillingCycle, orderMatchesBillingType, parseBillingType } from './billing-cycle.js';
export type { BillingCycle } from './billing-cycle.js';
export { orderJson } from './order-builder.js';
export { isListed } from './order-routes.js';
