import { randomUUID } from 'node:crypto';
import type { Dispatcher } from 'undici';
import type { Logger } from '../../observability/logger.js';
import type { CallBudget } from './call-budget.js';
import { LARGE_BODY, LargeBody, type BodyBudget, type BodyTicket } from './large-bodies.js';
import { statusFailure } from './error-body.js';
import { dispatchRequest, type Answer, type Reading } from './call-handler.js';
import type { CancelSignal } from '../../concurrency/cancellation.js';
import { stoppedError, UpstreamError } from './upstream-error.js';

/** Who is calling and on whose behalf: carried from the GraphQL request to every upstream call. */
export interface CallContext {
  /** The Authorization header sent to Partner Center: the caller's own, or the one the gateway holds for it (obo, session). Never logged. */
  readonly authorization: string;
  /** The caller's stable identity (`tid/oid`, or a token hash): single-flight keys by it. */
  readonly callerKey?: string;
  /** The partner whose Partner Center budget the call spends: the caller's tid, or a token hash when unverified. */
  readonly partnerKey?: string;
  readonly correlationId: string;
  /** Aborts the call when the caller goes away or the request's deadline passes. */
  readonly signal?: CancelSignal;
  /** When the GraphQL request must be answered (epoch ms): waits (429 Retry-After) must end before it. */
  readonly deadline?: number;
  readonly logger: Logger;
  /** Told about every upstream call when it ends (counting, metrics). */
  readonly onCall?: (call: UpstreamCallRecord) => void;
  /** Asked before every upstream call is sent (tracing opens a span and sends its traceparent). */
  readonly startCall?: (call: { readonly method: string; readonly route: string }) => UpstreamCallScope;
  /** The execution's share of the memory budget for large bodies (large-bodies.ts). Default: unbounded. */
  readonly bodies?: BodyTicket;
  /** The Partner Center calls the execution may still ask for (call-budget.ts). Default: unbounded. */
  readonly budget?: CallBudget;
  /** Sent as X-Locale: the language of localized strings (locale.ts). Default en-US. */
  readonly locale?: string;
}

/** One upstream call as an observer sees it: headers to add before it is sent, and its end. */
export interface UpstreamCallScope {
  /** Sent with the call (W3C traceparent); they can never replace the gateway's own headers. */
  readonly headers: Readonly<Record<string, string>>;
  end(call: UpstreamCallRecord): void;
}

export interface UpstreamCallRecord {
  method: string;
  route: string;
  path: string;
  status: number | undefined;
  durationMs: number;
  requestId: string;
  outcome: 'ok' | UpstreamError['kind'];
}

/**
 * Partner Center gives these answers only to a caller whose token it accepted: 2xx, and 403/404/429, which it
 * decides for a known caller. 401 is the refusal; 400, 5xx and no answer say nothing either way.
 */
export function answeredAsAuthenticated(call: UpstreamCallRecord): boolean {
  const status = call.status;
  return status !== undefined && ((status >= 200 && status < 300) || status === 403 || status === 404 || status === 429);
}

export interface TransportOptions {
  /** Partner Center origin, e.g. https://api.partnercenter.microsoft.com */
  baseUrl: string;
  /** The process's shared keep-alive Pool or Agent. */
  dispatcher: Dispatcher;
  /** Per-call time limit, ms. */
  timeoutMs: number;
  /** Sent as MS-PartnerCenter-Application. */
  applicationName: string;
  /** Largest body read, bytes. */
  maxBodyBytes: number;
}

/** A path built only from literal parts and encoded segments: the only way a URL is made. */
export interface UpstreamPath {
  /** Template for logs and metrics: `/v1/customers/{id}/orders`. */
  readonly route: string;
  /** Encoded path: `/v1/customers/b0d7…/orders`. */
  readonly path: string;
  readonly query?: Readonly<Record<string, string>>;
  /** Headers a followed link asked for (e.g. MS-ContinuationToken); lower-case names, never the gateway's own. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** `v1Path('/customers/{id}/orders', { id })`: every value is percent-encoded as one path segment. */
export function v1Path(template: string, params: Record<string, string>, query?: Record<string, string>): UpstreamPath {
  const { route, parts } = parsedTemplate(template);
  let path = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i]!;
    const value = params[name];
    if (value === undefined || value === '') throw new TypeError(`missing path parameter ${name}`);
    // A dot segment would move the path (the transport sends it as it is, and a server resolves it).
    if (value === '.' || value === '..') throw new TypeError(`path parameter ${name} is a dot segment`);
    path += encodeURIComponent(value) + parts[i + 1]!;
  }
  return query ? { route, path, query } : { route, path };
}

/** A template split once into literal parts (even indexes, `/v1` first) and parameter names (odd indexes). */
interface ParsedTemplate {
  readonly route: string;
  readonly parts: readonly string[];
}

// Keyed by the client's literal templates: a few dozen at most.
const templates = new Map<string, ParsedTemplate>();

function parsedTemplate(template: string): ParsedTemplate {
  let parsed = templates.get(template);
  if (parsed === undefined) {
    parsed = { route: `/v1${template}`, parts: `/v1${template}`.split(/\{(\w+)\}/) };
    templates.set(template, parsed);
  }
  return parsed;
}

export interface UpstreamResponse {
  readonly body: unknown;
  readonly status: number;
  /** The MS-RequestId the gateway sent, for errors raised after the call (shape checks). */
  readonly requestId: string;
}

/** One attempt's own settings: a retry after a timeout resends under the first attempt's MS-RequestId. */
export interface AttemptOptions {
  readonly requestId?: string;
}

export type GetJson = (call: CallContext, target: UpstreamPath, attempt?: AttemptOptions) => Promise<UpstreamResponse>;

const ERROR_BODY_LIMIT = 64 * 1024;
const DEFAULT_LOCALE = 'en-US';

export function createTransport(options: TransportOptions): GetJson {
  const origin = new URL(options.baseUrl).origin;

  return async function getJson(call, target, attempt) {
    const requestId = attempt?.requestId ?? randomUUID();
    const record = openCall(call, target, requestId);
    try {
      const answer = await send(options, origin, record);
      const response = classify(options, record, answer);
      report(record, 'ok');
      // Handed over: admitting the large body (large-body-layer.ts) takes the reservation.
      if (response.body instanceof LargeBody) record.reserved = 0;
      return response;
    } catch (error) {
      const failure = asUpstreamError(options, record, error);
      report(record, failure.kind, failure);
      throw failure;
    } finally {
      if (record.reserved > 0) call.bodies?.budget.unreserve(record.reserved);
    }
  };
}

/** One call as getJson's steps hand it on: what was asked, and what the answer has told so far. */
interface CallRecord {
  readonly call: CallContext;
  readonly target: UpstreamPath;
  readonly requestId: string;
  readonly started: number;
  readonly scope: UpstreamCallScope | undefined;
  /** Partner Center's status, once it answered. */
  status: number | undefined;
  /** Bytes of this body counted against the large-body budget's queue, given back unless handed on. */
  reserved: number;
}

type FailureDetails = Omit<ConstructorParameters<typeof UpstreamError>[1], 'requestId' | 'route'>;

/**
 * The path and query as `new URL(path, origin)` with `searchParams.set` would send them, without a URL per call:
 * the path's segments are already percent-encoded (v1Path, linkPath); the query is URLSearchParams' own encoding.
 */
export function requestTarget(target: UpstreamPath): string {
  const search = target.query === undefined ? '' : new URLSearchParams(target.query).toString();
  return search === '' ? target.path : `${target.path}?${search}`;
}

/** The clock starts and observers (tracing) are told before anything is sent. */
function openCall(call: CallContext, target: UpstreamPath, requestId: string): CallRecord {
  const started = performance.now();
  const scope = call.startCall?.({ method: 'GET', route: target.route });
  return { call, target, requestId, started, scope, status: undefined, reserved: 0 };
}

function send(options: TransportOptions, origin: string, record: CallRecord): Promise<Answer> {
  // The per-call limit is undici's own headersTimeout and bodyTimeout (the request's deadline caps
  // the total): a timer and a combined AbortSignal per call cost CPU on every call (BENCHMARKS.md).
  const request: Dispatcher.DispatchOptions = {
    origin,
    path: requestTarget(record.target),
    method: 'GET',
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
    headers: requestHeaders(options, record),
  };
  return dispatchRequest(options.dispatcher, request, record.call.signal, bodyReading(options, record));
}

function requestHeaders(options: TransportOptions, { call, target, requestId, scope }: CallRecord): Record<string, string> {
  const own = {
    authorization: call.authorization,
    accept: 'application/json',
    'ms-correlationid': call.correlationId,
    'ms-requestid': requestId,
    'ms-partnercenter-application': options.applicationName,
    // headers.md marks it required; the Java SDK sends it on every call.
    'ms-contract-version': 'v1',
    'x-locale': call.locale ?? DEFAULT_LOCALE,
  };
  if (target.headers === undefined && scope === undefined) return own;
  // A link's headers first, so none of them can replace the gateway's own (linkPath refuses them anyway).
  return { ...target.headers, ...scope?.headers, ...own };
}

/**
 * How the body is read: within its limit (64 kB for an error's). A large 2xx body counts against the memory
 * budget's queue from its LARGE_BODY-th byte on (large-bodies.ts); a read that would pass it stops at once:
 * reading never waits, so it never holds this bulkhead slot for long.
 */
function bodyReading(options: TransportOptions, record: CallRecord): Reading {
  const budget = record.call.bodies?.budget;
  return {
    started(status) {
      record.status = status;
      return isSuccess(status) ? options.maxBodyBytes : ERROR_BODY_LIMIT;
    },
    more: budget && ((size) => !isSuccess(record.status!) || reserveLarge(record, budget, size)),
  };
}

function reserveLarge(record: CallRecord, budget: BodyBudget, size: number): boolean {
  if (size < LARGE_BODY) return true;
  if (!budget.reserve(size - record.reserved)) return false;
  record.reserved = size;
  return true;
}

/** A 2xx JSON body within the limit becomes the response; anything else the error it is. */
function classify(options: TransportOptions, record: CallRecord, answer: Answer): UpstreamResponse {
  const { statusCode: status, bytes } = answer;
  if (bytes === 'refused') {
    throw failure(record, 'The gateway is busy: too many large answers are being read or waiting for memory', { kind: 'unavailable', status });
  }
  if (!isSuccess(status)) {
    const { message, details } = statusFailure(status, bytes?.toString('utf8') ?? '', headerValue(answer.headers['retry-after']));
    throw failure(record, message, details);
  }
  if (bytes === undefined) throw failure(record, `Partner Center sent a body over ${options.maxBodyBytes} bytes`, { kind: 'invalid-response', status });
  const contentType = String(answer.headers['content-type'] ?? '');
  if (!/\bjson\b/i.test(contentType)) {
    throw failure(record, `Partner Center answered with content type "${contentType.slice(0, 60)}" instead of JSON`, { kind: 'invalid-response', status });
  }
  // Decoded and parsed by the large-body layer once the bulkhead slot is free and the memory budget admits it;
  // until then only these bytes are held, outside V8's heap. The call is reported as Partner Center answered
  // it: its duration and span leave out the wait, and a body that then fails to parse is told by its UPSTREAM_ERROR.
  if (bytes.length >= LARGE_BODY) return { body: new LargeBody(bytes), status, requestId: record.requestId };
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch (cause) {
    throw failure(record, 'Partner Center sent a body that is not valid JSON', { kind: 'invalid-response', status, cause });
  }
  return { body: value, status, requestId: record.requestId };
}

/** What any throw on the way becomes: the step's own UpstreamError, or undici's timeout, the caller leaving, or no answer. */
function asUpstreamError(options: TransportOptions, record: CallRecord, error: unknown): UpstreamError {
  if (error instanceof UpstreamError) return error;
  const { status } = record;
  if (isUndiciTimeout(error)) {
    return failure(record, `Partner Center did not answer within ${options.timeoutMs} ms`, { kind: 'timeout', ...(status ? { status } : {}), cause: error });
  }
  const signal = record.call.signal;
  if (signal?.aborted) return stoppedError(signal, { requestId: record.requestId, route: record.target.route, cause: error });
  return failure(record, 'Could not reach Partner Center', { kind: 'network', cause: error });
}

function failure(record: CallRecord, message: string, details: FailureDetails): UpstreamError {
  return new UpstreamError(message, { ...details, requestId: record.requestId, route: record.target.route });
}

function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}

/** undici's own time limits (headersTimeout, bodyTimeout), told apart by their stable codes. */
function isUndiciTimeout(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT';
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Told once per call, when it ends: the observer (onCall), its span (scope), and the log. */
function report({ call, scope, target, started, requestId, status }: CallRecord, outcome: UpstreamCallRecord['outcome'], error?: UpstreamError): void {
  const record: UpstreamCallRecord = {
    method: 'GET',
    route: target.route,
    path: target.path,
    status: error?.status ?? status,
    durationMs: Math.round((performance.now() - started) * 100) / 100,
    requestId,
    outcome,
  };
  call.onCall?.(record);
  scope?.end(record);
  const level = outcome === 'ok' ? 'info' : outcome === 'aborted' ? 'debug' : 'warn';
  if (!call.logger.isLevelEnabled(level)) return; // the line's object is not worth building for nothing
  call.logger[level](
    {
      upstream: record,
      ...(error?.partnerCenterCode ? { partnerCenterCode: error.partnerCenterCode } : {}),
      ...(error?.cause instanceof Error ? { cause: { name: error.cause.name, message: error.cause.message } } : {}),
    },
    'upstream call',
  );
}
