import { GraphQLError } from 'graphql';
import { CallBudgetExceeded } from './partner-center/call-budget.js';
import { UpstreamError, type UpstreamErrorKind } from './partner-center/upstream-error.js';

/**
 * The error catalogue. Clients match on `extensions.code`, never on message text; these codes are
 * part of the API and only ever grow.
 */
export const ErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  /**
   * The document exceeds a limit: bytes, tokens, fields, repeats, fragments, depth, aliases, directives or cost
   * (no upstream call); or, on a field, the request used up its Partner Center calls (`limit: 'upstreamCalls'`,
   * partial data, HTTP 200).
   */
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  NOT_FOUND: 'NOT_FOUND',
  THROTTLED: 'THROTTLED',
  UPSTREAM_ERROR: 'UPSTREAM_ERROR',
  UPSTREAM_TIMEOUT: 'UPSTREAM_TIMEOUT',
  /** Partner Center is known to be failing (circuit breaker open) or the gateway is saturated: not called. */
  UPSTREAM_UNAVAILABLE: 'UPSTREAM_UNAVAILABLE',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
  /** The HTTP request itself was refused before GraphQL: CSRF header missing, bad parameters, bad method. */
  BAD_REQUEST: 'BAD_REQUEST',
  /** The HTTP request body is over MAX_REQUEST_BYTES (HTTP 413); the code yoga used for it before. */
  REQUEST_ENTITY_TOO_LARGE: 'REQUEST_ENTITY_TOO_LARGE',
  /** The request's headers are over Node's limit (HTTP 431). */
  REQUEST_HEADER_FIELDS_TOO_LARGE: 'REQUEST_HEADER_FIELDS_TOO_LARGE',
  /** The request's headers or body did not arrive in time (HTTP 408). */
  REQUEST_TIMEOUT: 'REQUEST_TIMEOUT',
  /** The gateway stopped before the request had an answer: still in flight when the shutdown grace ended (HTTP 503). */
  SHUTTING_DOWN: 'SHUTTING_DOWN',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];


/** An error the gateway raised on purpose: its message and extensions are safe to show a client. */
export class AppError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code } });
    this.name = 'AppError';
  }
}

export const badUserInput = (message: string, extensions: Record<string, unknown> = {}) =>
  new AppError(ErrorCode.BAD_USER_INPUT, message, extensions);

export const unauthenticated = (message: string) =>
  new AppError(ErrorCode.UNAUTHENTICATED, message, {
    http: { status: 401, headers: { 'WWW-Authenticate': 'Bearer' } },
  });

const CODE_BY_KIND: Record<UpstreamErrorKind, ErrorCode> = {
  unauthorized: ErrorCode.UNAUTHENTICATED,
  forbidden: ErrorCode.FORBIDDEN,
  'not-found': ErrorCode.NOT_FOUND,
  throttled: ErrorCode.THROTTLED,
  'bad-request': ErrorCode.UPSTREAM_ERROR,
  'server-error': ErrorCode.UPSTREAM_ERROR,
  'invalid-response': ErrorCode.UPSTREAM_ERROR,
  network: ErrorCode.UPSTREAM_ERROR,
  timeout: ErrorCode.UPSTREAM_TIMEOUT,
  aborted: ErrorCode.UPSTREAM_ERROR,
  unavailable: ErrorCode.UPSTREAM_UNAVAILABLE,
};

/** Maps a Partner Center failure to a coded error that keeps the upstream's own diagnosis. */
export function fromUpstreamError(error: UpstreamError): AppError {
  const code = CODE_BY_KIND[error.kind];
  const upstream: Record<string, unknown> = { status: error.status ?? null, requestId: error.requestId };
  if (error.partnerCenterCode !== undefined) upstream.code = error.partnerCenterCode;
  if (error.description !== undefined) upstream.description = error.description;
  const extensions: Record<string, unknown> = { upstream };
  if (error.retryAfterSeconds !== undefined) extensions.retryAfter = error.retryAfterSeconds;
  return new AppError(code, error.message, extensions);
}

/** Any thrown value as a client-safe error: coded errors pass, anything else is masked. */
export function toClientError(error: unknown): { error: GraphQLError; masked: boolean } {
  if (error instanceof UpstreamError) return { error: fromUpstreamError(error), masked: false };
  if (error instanceof AppError) return { error, masked: false };
  if (error instanceof CallBudgetExceeded) {
    return { error: new AppError(ErrorCode.QUERY_TOO_COMPLEX, error.message, { limit: 'upstreamCalls', max: error.max }), masked: false };
  }
  return {
    error: new AppError(ErrorCode.INTERNAL_SERVER_ERROR, 'Unexpected error.'),
    masked: true,
  };
}
