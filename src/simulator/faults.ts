/**
 * Fault injection. Rules are checked in the order they were added, before auth and routing, so a test can force
 * any answer; the first matching rule with uses left wins. Uses are taken at arrival, so concurrent requests get
 * faults in arrival order.
 */
import {
  customerServiceBody, defaultGatewayMessage, defaultStandardFault, gatewayBody, standardBody, type Reply,
} from './errors.js';
import { JSON_TYPE, delay, mergeHeaders, sendReply, sendText, type Exchange } from './http-io.js';
import type { RouteMatch, RouteName } from './routes.js';

export interface FaultMatch {
  method?: string;
  /** string = exact pathname (e.g. `/v1/customers/{id}/orders`); RegExp is tested against the pathname. */
  path?: string | RegExp;
  customerId?: string;
  route?: RouteName;
}

export type StatusFault = {
  kind: 'status';
  status: number;
  shape?: 'standard' | 'customer-service' | 'gateway';
  code?: number | string;
  description?: string;
  retryAfterSeconds?: number;
};

export type Fault =
  | StatusFault
  | { kind: 'latency'; ms: number }
  | { kind: 'hang' }
  /**
   * Holds the request until `open` resolves, then answers it normally (or not at all if the caller left):
   * lets a test have calls in flight for exactly as long as it needs, without timing. In-process only.
   */
  | { kind: 'gate'; open: Promise<unknown> }
  | { kind: 'reset' }
  /** A streamed body (the statement PDF) stops after `afterBytes` bytes and the socket is destroyed. */
  | { kind: 'cut-body'; afterBytes: number }
  /** A streamed body pauses after `afterBytes` bytes until `open` resolves (in-process only). */
  | { kind: 'gate-body'; afterBytes: number; open: Promise<unknown> }
  | { kind: 'malformed-json' }
  | { kind: 'content-type'; contentType: string; body?: string }
  | { kind: 'raw'; status: number; body: string; contentType?: string; headers?: Record<string, string> };

export interface FaultRule {
  /** Which requests: all fields optional, all given must match. */
  match?: FaultMatch;
  /** Apply to the first N matching requests, then stop (default: forever). */
  times?: number;
  fault: Fault;
}

export interface FaultTarget {
  method: string;
  path: string;
  route: RouteMatch | undefined;
}

interface Entry {
  rule: FaultRule;
  remaining: number;
}

function matches(match: FaultMatch | undefined, target: FaultTarget): boolean {
  if (!match) return true;
  if (match.method !== undefined && match.method.toUpperCase() !== target.method.toUpperCase()) return false;
  if (typeof match.path === 'string' && match.path !== target.path) return false;
  if (match.path instanceof RegExp) {
    match.path.lastIndex = 0; // a /g or /y regex would otherwise alternate between hits and misses
    if (!match.path.test(target.path)) return false;
  }
  if (match.route !== undefined && match.route !== target.route?.name) return false;
  if (match.customerId !== undefined && match.customerId.toLowerCase() !== target.route?.customerId?.toLowerCase()) return false;
  return true;
}

export class FaultBook {
  private entries: Entry[] = [];

  add(rule: FaultRule): () => void {
    if (rule.times !== undefined && !(Number.isInteger(rule.times) && rule.times >= 1)) {
      throw new RangeError(`FaultRule.times must be a positive integer, got ${rule.times}`);
    }
    const entry: Entry = { rule, remaining: rule.times ?? Number.POSITIVE_INFINITY };
    this.entries.push(entry);
    return () => {
      this.entries = this.entries.filter((e) => e !== entry);
    };
  }

  clear(): void {
    this.entries = [];
  }

  /** The fault for this request, if any, using up one of the rule's `times`. */
  take(target: FaultTarget): Fault | undefined {
    const entry = this.entries.find((e) => e.remaining > 0 && matches(e.rule.match, target));
    if (!entry) return undefined;
    entry.remaining--;
    if (entry.remaining === 0) this.entries = this.entries.filter((e) => e !== entry);
    return entry.rule.fault;
  }
}

/** A 429 is a gateway answer (shape C) unless told otherwise; everything else defaults to a standard fault. */
export function statusFaultReply(fault: StatusFault): Reply {
  const { status, retryAfterSeconds } = fault;
  const shape = fault.shape ?? (status === 429 ? 'gateway' : 'standard');
  const headers = retryAfterSeconds === undefined ? undefined : { 'Retry-After': String(retryAfterSeconds) };
  const [code, description] = defaultStandardFault(status);
  const body =
    shape === 'gateway'
      ? gatewayBody(status, fault.description ?? defaultGatewayMessage(status, retryAfterSeconds))
      : shape === 'customer-service'
        ? customerServiceBody(status, fault.code ?? code, fault.description ?? description)
        : standardBody(fault.code ?? code, fault.description ?? description);
  return { status, body, ...(headers ? { headers } : {}) };
}

/** A JSON body cut off mid-string, as a dropped proxy connection would leave it. */
const TRUNCATED_JSON = '{"totalCount":2,"items":[{"id":"9qg-ErcO-4MPbPqq_3MIQaS7bn8W6HfG1","referenceCustomerId":"b0d7';
const DEFAULT_HTML = '<!DOCTYPE html><html><head><title>Service Unavailable</title></head><body><h1>Service Unavailable</h1></body></html>';

/** Carries out a fault; 'continue' means the normal answer follows (latency faults). */
export async function applyFault(ex: Exchange, fault: Fault): Promise<'handled' | 'continue'> {
  switch (fault.kind) {
    case 'latency':
      await delay(fault.ms, ex.res);
      return 'continue';
    case 'gate':
      await Promise.race([fault.open, new Promise((resolve) => ex.res.once('close', resolve))]);
      return ex.res.destroyed ? 'handled' : 'continue';
    case 'cut-body':
      ex.cutAfterBytes = fault.afterBytes;
      return 'continue';
    case 'gate-body':
      ex.bodyGate = { afterBytes: fault.afterBytes, open: fault.open };
      return 'continue';
    case 'hang':
      return 'handled'; // never answered; in-flight accounting ends when the socket closes
    case 'reset':
      // RST rather than FIN where available: what a crashed upstream or proxy looks like.
      if (typeof ex.req.socket.resetAndDestroy === 'function') ex.req.socket.resetAndDestroy();
      else ex.req.socket.destroy();
      return 'handled';
    case 'malformed-json':
      sendText(ex, 200, TRUNCATED_JSON, { ...ex.baseHeaders, 'Content-Type': JSON_TYPE });
      return 'handled';
    case 'content-type':
      sendText(ex, 200, fault.body ?? DEFAULT_HTML, { ...ex.baseHeaders, 'Content-Type': fault.contentType });
      return 'handled';
    case 'raw':
      sendText(ex, fault.status, fault.body, mergeHeaders(
        ex.baseHeaders, { 'Content-Type': fault.contentType ?? JSON_TYPE }, fault.headers,
      ));
      return 'handled';
    case 'status':
      sendReply(ex, statusFaultReply(fault));
      return 'handled';
  }
}
