import type { CancelSignal } from '../../concurrency/cancellation.js';

/**
 * A failed Partner Center call, classified. The client knows nothing of GraphQL; src/errors.ts
 * maps each kind to a client-facing code.
 */
export type UpstreamErrorKind =
  | 'unauthorized' // 401
  | 'forbidden' // 403
  | 'not-found' // 404
  | 'throttled' // 429
  | 'bad-request' // other 4xx: the gateway sent something the upstream rejected
  | 'server-error' // 5xx
  | 'invalid-response' // 2xx whose body is not the JSON we expect
  | 'network' // connection refused, reset, DNS …
  | 'timeout' // the per-call time limit passed
  | 'aborted' // the caller went away
  | 'unavailable'; // not sent: the circuit breaker is open or too many calls are queued

export interface UpstreamErrorDetails {
  kind: UpstreamErrorKind;
  /** HTTP status, when a response arrived. */
  status?: number;
  /** The MS-RequestId the gateway sent with the failing call. */
  requestId: string;
  /** Route template, e.g. `/v1/customers/{id}/orders`: stable for logs and metrics. */
  route: string;
  /** Partner Center's error code (body shapes A and B), always as a string: the wire sends numbers and strings. */
  partnerCenterCode?: string;
  /** Partner Center's description (shapes A, B) or gateway message (shape C). */
  description?: string;
  /** Seconds from Retry-After on 429/503. */
  retryAfterSeconds?: number;
  cause?: unknown;
}

export class UpstreamError extends Error {
  readonly kind: UpstreamErrorKind;
  readonly status: number | undefined;
  readonly requestId: string;
  readonly route: string;
  readonly partnerCenterCode: string | undefined;
  readonly description: string | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(message: string, details: UpstreamErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'UpstreamError';
    this.kind = details.kind;
    this.status = details.status;
    this.requestId = details.requestId;
    this.route = details.route;
    this.partnerCenterCode = details.partnerCenterCode;
    this.description = details.description;
    this.retryAfterSeconds = details.retryAfterSeconds;
  }
}

export function kindForStatus(status: number): UpstreamErrorKind {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 429) return 'throttled';
  if (status === 408 || status === 504) return 'timeout';
  if (status >= 500) return 'server-error';
  return 'bad-request';
}

/**
 * Whether a failed call on a customer's own routes (its profile, its order or subscription lists) says the
 * customer is not there for this caller: unknown (404), not the partner's (403), or not for this token (401).
 */
export function deniesCustomer(error: unknown): error is UpstreamError {
  return error instanceof UpstreamError && (error.kind === 'not-found' || error.kind === 'forbidden' || error.kind === 'unauthorized');
}

/**
 * What a call gets when its caller stopped waiting: `timeout` when the request's deadline passed (the signal's
 * reason is a TimeoutError), `aborted` when its caller went away.
 */
export function stoppedError(signal: CancelSignal, details: Omit<UpstreamErrorDetails, 'kind'>): UpstreamError {
  const deadline = (signal.reason as Error | undefined)?.name === 'TimeoutError';
  return new UpstreamError(deadline ? 'The request deadline passed before Partner Center answered' : 'The request was cancelled', {
    ...details,
    kind: deadline ? 'timeout' : 'aborted',
  });
}
