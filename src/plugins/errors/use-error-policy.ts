import { GraphQLError, type ExecutionResult } from 'graphql';
import { isAsyncIterable, mapAsyncIterator, type Plugin } from 'graphql-yoga';
import type { Context } from '../../app/context.js';
import { ErrorCode, toClientError } from '../../errors.js';
import type { Logger } from '../../observability/logger.js';
import { requestState } from '../../app/request-state.js';
import { eachError } from './each-error.js';
import type { ResultTransform } from './use-result-transforms.js';

/** Owned by this plugin: each request's error codes, in the order its errors were shaped, for its log line and metrics. */
const codes = new WeakMap<Request, string[]>();
const NONE: readonly string[] = Object.freeze([]);

/** The codes of every error `request` answered with so far (an incremental response's grow with its payloads). */
export function errorCodesOf(request: Request): readonly string[] {
  return codes.get(request) ?? NONE;
}

export interface ErrorPolicyOptions {
  /**
   * Drop graphql-js's "Did you mean …?" hints from every message (fields, arguments, types, enum values, in
   * validation and in variable coercion): with introspection off they would give the schema away one guess at a
   * time. graphql-armor's block-field-suggestions misses the enum-value form and variable errors, hence here.
   */
  hideSuggestions: boolean;
}

/** graphql-js's didYouMean(): ` Did you mean "a"?`, `… "a" or "b"?`, `… "a", "b", or "c"?`, `… the enum value "A"?`. */
const SUGGESTION = / Did you mean [^?]*\?/g;

/**
 * The one place errors are shaped for clients:
 * - after execution (executionErrorShaping, run by use-result-transforms), each resolver error becomes a coded error (Partner Center failures keep their
 *   status, code, description and MS-RequestId); anything unexpected is logged in full with the
 *   correlation id and masked as INTERNAL_SERVER_ERROR;
 * - before the response is written, every error (parse and validation ones too) gets
 *   `extensions.correlationId` (and BAD_REQUEST if it has no code yet), and its code is noted for
 *   the request's log line, and loses its "Did you mean …?" hints when introspection is off.
 * Both apply to every payload of an incremental result (@defer/@stream): the errors of a deferred fragment or
 * streamed item arrive in its `incremental` entry, shaped and stamped like the initial payload's.
 */
export function useErrorPolicy(logger: Logger, { hideSuggestions }: ErrorPolicyOptions): Plugin<Context> {
  return {
    onResultProcess({ request, result, setResult }) {
      // Most answers carry no error: nothing to stamp or note.
      if (isResult(result) && !result.errors?.length) return;
      const { correlationId } = requestState(request, logger);
      let noted = codes.get(request);
      if (!noted) codes.set(request, (noted = []));
      const seen = noted;
      const stamp = (single: ExecutionResult): ExecutionResult =>
        eachError(single, (error) => {
          // Everything that gets here uncoded is yoga refusing the HTTP request itself (CSRF header
          // missing, bad parameters …): a client error, and every error must carry a code.
          const code = typeof error.extensions?.code === 'string' ? error.extensions.code : ErrorCode.BAD_REQUEST;
          seen.push(code);
          const message = hideSuggestions ? error.message.replace(SUGGESTION, '') : error.message;
          return rebuild(error, { ...error.extensions, code, correlationId }, message);
        });
      if (Array.isArray(result)) setResult(result.map(stamp));
      else if (isResult(result)) setResult(stamp(result));
      else if (isAsyncIterable(result)) setResult(mapAsyncIterator(result, stamp));
    },
  };
}

/** The execution half of the policy, a use-result-transforms transform: each resolver error coded (or masked and logged). */
export const executionErrorShaping: ResultTransform = {
  result: (result, args) => eachError(result, (error) => shapeExecutionError(error, (args.contextValue as Context).logger)),
  payload: (payload, args) => eachError(payload, (error) => shapeExecutionError(error, (args.contextValue as Context).logger)),
};

function isResult(value: unknown): value is ExecutionResult {
  return value !== null && typeof value === 'object' && !(Symbol.asyncIterator in value);
}

function shapeExecutionError(error: GraphQLError, logger: Logger): GraphQLError {
  // Without a path the error is about the request itself, raised before any resolver ran: bad
  // variable values (graphql-js nests its own GraphQLError as the original) and the like.
  if (error.path === undefined) {
    return error.extensions?.code ? error : rebuild(error, { ...error.extensions, code: ErrorCode.BAD_USER_INPUT });
  }
  const original = error.originalError ?? error;
  const { error: clientError, masked } = toClientError(original);
  if (masked) {
    // Includes graphql-js's own complaints about resolver output (an Int that is not one …): bugs.
    logger.error({ err: original, path: error.path }, 'unexpected error in a resolver');
  }
  return rebuild(error, clientError.extensions, clientError.message, clientError);
}

function rebuild(
  error: GraphQLError,
  extensions: Record<string, unknown> | undefined,
  message: string = error.message,
  originalError: Error | undefined = error.originalError ?? undefined,
): GraphQLError {
  return new GraphQLError(message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError,
    extensions,
  });
}
