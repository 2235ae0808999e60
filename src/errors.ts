import { GraphQLError } from 'graphql';
import { CallBudgetExceeded } from './partner-center/transport/call-budget.js';
import { UpstreamError, type UpstreamErrorKind } from './partner-center/transport/upstream-error.js';

/**
 * What the gateway does with one code: `refusal` is the HTTP status when the code refuses a whole request
 * before execution (absent: the code only ever appears beside `data`, HTTP 200); `variants` are the other
 * statuses some refusals of the code use; `route` is the status on a route that is not GraphQL (the statement
 * PDF), where there is no `data` for a Partner Center failure to sit beside. docs/errors.md shows each (test/unit/error-catalogue.test.ts).
 */
interface CatalogueEntry {
  readonly refusal?: number;
  readonly variants?: Readonly<Record<string, number>>;
  readonly route?: number;
  readonly meaning: string;
}

/**
 * The error catalogue. Clients match on `extensions.code`, never on message text; these codes are
 * part of the API and only ever grow.
 */
export const ERROR_CATALOGUE = {
  UNAUTHENTICATED: { refusal: 401, route: 401, meaning: 'No caller, or a token or session that failed; from Partner Center (401) on a field.' },
  FORBIDDEN: { route: 403, meaning: 'Partner Center refused access to the resource (403).' },
  BAD_USER_INPUT: { refusal: 400, meaning: 'An argument or variable is malformed or out of range; a refusal when the variables are over their limits.' },
  QUERY_TOO_COMPLEX: {
    refusal: 400,
    meaning: 'The document is over a limit (no upstream call), or a field is past the request\'s Partner Center calls (`limit: upstreamCalls`).',
  },
  NOT_FOUND: { route: 404, meaning: 'Partner Center does not know the resource.' },
  THROTTLED: { route: 429, meaning: 'Partner Center answered 429, or the partner\'s budget is used up; `retryAfter` in seconds.' },
  UPSTREAM_ERROR: { refusal: 502, route: 502, meaning: 'Partner Center or the identity provider failed or answered wrongly; a refusal only on the auth routes.' },
  UPSTREAM_TIMEOUT: { route: 504, meaning: 'Partner Center was too slow, or the request deadline passed.' },
  UPSTREAM_UNAVAILABLE: { route: 503, meaning: 'Partner Center is known to be failing (circuit breaker open) or the gateway is saturated: not called.' },
  INTERNAL_SERVER_ERROR: { meaning: 'A bug: the message is masked and the error logged with the correlation id.' },
  BAD_REQUEST: {
    refusal: 400,
    variants: { csrf: 403, method: 405, expectation: 417 },
    meaning: 'The HTTP request itself was refused before GraphQL: CSRF header missing, bad parameters, bad method.',
  },
  REQUEST_ENTITY_TOO_LARGE: { refusal: 413, meaning: 'The request body is over MAX_REQUEST_BYTES.' },
  REQUEST_HEADER_FIELDS_TOO_LARGE: { refusal: 431, meaning: 'The request\'s headers are over Node\'s limit.' },
  REQUEST_TIMEOUT: { refusal: 408, meaning: 'The request\'s headers or body did not arrive in time.' },
  SHUTTING_DOWN: { refusal: 503, meaning: 'The gateway stopped before the request had an answer (shutdown grace ended).' },
} as const satisfies Record<string, CatalogueEntry>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;
export const ErrorCode = Object.fromEntries(Object.keys(ERROR_CATALOGUE).map((code) => [code, code])) as {
  readonly [C in ErrorCode]: C;
};

/** Codes that refuse a request with an HTTP status, and the variant names each allows. */
type RefusalCode = { [C in ErrorCode]: (typeof ERROR_CATALOGUE)[C] extends { refusal: number } ? C : never }[ErrorCode];
type Variant<C extends ErrorCode> = (typeof ERROR_CATALOGUE)[C] extends { variants: infer V } ? keyof V : never;

/** The HTTP status a refusal with this code answers with: the catalogue's default, or one of its named variants. */
export function refusalStatus<C extends RefusalCode>(code: C, variant?: Variant<C>): number {
  const entry: CatalogueEntry = ERROR_CATALOGUE[code];
  return variant === undefined ? entry.refusal! : entry.variants![variant as string]!;
}

/** The status a non-GraphQL route answers a Partner Center failure with; 502 for a code the table gives none. */
export function routeStatus(code: ErrorCode): number {
  const entry: CatalogueEntry = ERROR_CATALOGUE[code];
  return entry.route ?? 502;
}

/** What Partner Center said about a failed call, or the value it sent that could not be read, in `extensions.upstream`. */
export interface UpstreamDiagnosis {
  status?: number | null;
  requestId?: string;
  code?: string;
  description?: string;
  value?: string;
}

/** The extensions an AppError may carry beside its `code`; yoga reads `http` for the response's status and headers. */
export interface AppErrorExtensions {
  /** Which limit was exceeded, and its value. */
  limit?: string;
  max?: number;
  /** Why a caller was refused (auth-errors.ts). */
  reason?: string;
  upstream?: UpstreamDiagnosis;
  /** Seconds to wait before trying again (THROTTLED). */
  retryAfter?: number;
  http?: { status?: number; headers?: Record<string, string> };
  [name: string]: unknown;
}

/** An error the gateway raised on purpose: its message and extensions are safe to show a client. */
export class AppError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extensions: AppErrorExtensions = {}) {
    super(message, { extensions: { ...extensions, code } });
    this.name = 'AppError';
  }
}

/** An AppError that refuses the whole request, its HTTP status taken from the catalogue. */
export function refusalError<C extends RefusalCode>(
  code: C,
  message: string,
  extensions: AppErrorExtensions = {},
  variant?: Variant<C>,
): AppError {
  return new AppError(code, message, { ...extensions, http: { ...extensions.http, status: refusalStatus(code, variant) } });
}

export const badUserInput = (message: string, extensions: AppErrorExtensions = {}) =>
  new AppError(ErrorCode.BAD_USER_INPUT, message, extensions);

export const unauthenticated = (message: string) =>
  refusalError(ErrorCode.UNAUTHENTICATED, message, { http: { headers: { 'WWW-Authenticate': 'Bearer' } } });

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
  const upstream: UpstreamDiagnosis = { status: error.status ?? null, requestId: error.requestId };
  if (error.partnerCenterCode !== undefined) upstream.code = error.partnerCenterCode;
  if (error.description !== undefined) upstream.description = error.description;
  const extensions: AppErrorExtensions = { upstream };
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
