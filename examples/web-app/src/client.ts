/**
 * A minimal typed client for partner-graph: posts a TypedDocumentNode to /graphql and returns the
 * typed `data` beside the coded `errors`. No GraphQL client library needed; swap in your own fetch
 * (or Apollo Client / urql, which accept the same TypedDocumentNode) as you like.
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';

/** The `extensions.code` values of the README's error table. */
export const KNOWN_ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'NOT_FOUND',
  'THROTTLED',
  'UPSTREAM_ERROR',
  'UPSTREAM_TIMEOUT',
  'UPSTREAM_UNAVAILABLE',
  'QUERY_TOO_COMPLEX',
  'BAD_REQUEST',
  'INTERNAL_SERVER_ERROR',
] as const;
export type KnownErrorCode = (typeof KNOWN_ERROR_CODES)[number];

/** What Partner Center said, on errors that came from a Partner Center call. */
export interface UpstreamDetails {
  status: number | null;
  code?: string;
  description?: string;
  requestId?: string;
}

/** One entry of a GraphQL response's `errors`, as partner-graph shapes it. */
export interface GatewayError {
  message: string;
  path?: ReadonlyArray<string | number>;
  extensions: {
    /** Match on this, never on `message`. The catalogue only grows: expect codes you do not know yet. */
    code: string;
    correlationId: string;
    /** THROTTLED: seconds to wait, when Partner Center said. */
    retryAfter?: number;
    upstream?: UpstreamDetails;
  };
}

export interface GatewayResponse<TData> {
  /** Null when nothing could be served; otherwise possibly partial (see `errors`). */
  data: TData | null;
  errors: readonly GatewayError[];
  /** The MS-CorrelationId the gateway used: quote it in support requests. */
  correlationId: string | null;
}

export interface ClientOptions {
  /** A Partner Center access token; sent as `Authorization: Bearer <token>`. */
  token: string;
  /** Defaults to the app's own origin. */
  endpoint?: string;
  correlationId?: string;
  signal?: AbortSignal;
  fetch?: typeof fetch;
}

/** Operations without variables may omit them; operations with variables must pass exactly those. */
type VariablesArgument<TVariables> = Record<string, never> extends TVariables ? [variables?: TVariables] : [variables: TVariables];

export async function execute<TData, TVariables extends Record<string, unknown>>(
  options: ClientOptions,
  document: TypedDocumentNode<TData, TVariables>,
  ...[variables]: VariablesArgument<TVariables>
): Promise<GatewayResponse<TData>> {
  const headers: Record<string, string> = {
    Accept: 'application/graphql-response+json, application/json',
    'Content-Type': 'application/json',
    Authorization: `Bearer ${options.token}`,
  };
  if (options.correlationId) headers['MS-CorrelationId'] = options.correlationId;
  const response = await (options.fetch ?? fetch)(options.endpoint ?? '/graphql', {
    method: 'POST',
    headers,
    body: JSON.stringify({ query: print(document), variables: variables ?? {} }),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const correlationId = response.headers.get('MS-CorrelationId');
  // 401 (no token) and 400 (a document that does not parse or validate) still carry a GraphQL body.
  const body = (await response.json().catch(() => null)) as { data?: TData | null; errors?: GatewayError[] } | null;
  if (body === null || (body.data === undefined && body.errors === undefined)) {
    throw new Error(`partner-graph answered HTTP ${response.status} without a GraphQL response`);
  }
  return { data: body.data ?? null, errors: body.errors ?? [], correlationId };
}

export function isKnownErrorCode(code: string): code is KnownErrorCode {
  return (KNOWN_ERROR_CODES as readonly string[]).includes(code);
}

/** A message for the user, and whether trying again may help. */
export function describeError(error: GatewayError): { message: string; retryable: boolean } {
  const code = error.extensions.code;
  if (!isKnownErrorCode(code)) return { message: `Something went wrong (${code}).`, retryable: false };
  switch (code) {
    case 'UNAUTHENTICATED':
      return { message: 'Your session has expired. Sign in again.', retryable: false };
    case 'FORBIDDEN':
      return { message: 'You have no access to this customer.', retryable: false };
    case 'NOT_FOUND':
      return { message: 'This customer does not exist.', retryable: false };
    case 'BAD_USER_INPUT':
      return { message: `Check your input: ${error.message}`, retryable: false };
    case 'GRAPHQL_PARSE_FAILED':
    case 'GRAPHQL_VALIDATION_FAILED':
      // The generated types make this a deployment mismatch (app built against another schema).
      return { message: 'This app is out of date. Reload the page.', retryable: false };
    case 'THROTTLED': {
      const wait = error.extensions.retryAfter;
      return { message: wait === undefined ? 'Partner Center is busy. Try again shortly.' : `Partner Center is busy. Try again in ${wait} s.`, retryable: true };
    }
    case 'UPSTREAM_ERROR':
    case 'UPSTREAM_TIMEOUT':
      return { message: 'Partner Center did not answer properly. Try again.', retryable: true };
    case 'UPSTREAM_UNAVAILABLE':
      return { message: 'Partner Center is unavailable right now. Try again in a few seconds.', retryable: true };
    case 'QUERY_TOO_COMPLEX':
    case 'BAD_REQUEST':
      // Both mean this app sent something the gateway refuses by policy: a bug to fix, not to retry.
      return { message: 'This view asks for too much at once. Reload the page or narrow it.', retryable: false };
    case 'INTERNAL_SERVER_ERROR':
      return { message: `Unexpected error (reference ${error.extensions.correlationId}).`, retryable: false };
    default: {
      // Adding a code to KNOWN_ERROR_CODES without handling it here is a compile error.
      const unhandled: never = code;
      return unhandled;
    }
  }
}
