import { Kind, type DocumentNode, type ExecutionResult, type OperationDefinitionNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Authentication, Authenticator } from '../../auth/authenticator.js';
import { CLEARED_SESSION_COOKIE } from '../../auth/session-cookie.js';
import type { Context } from '../../app/context.js';
import { AppError, ErrorCode, unauthenticated } from '../../errors.js';
import type { Logger } from '../../observability/logger.js';
import type { Caller } from '../../auth/caller.js';
import { requestState } from '../../app/request-state.js';
import type { ExecutionCheck } from '../http/use-request-checks.js';
import type { ResponseStep } from '../http/use-response-steps.js';

/** Owned by this plugin: who each request is from, recorded once (a batched request's later operations reuse it). */
const callers = new WeakMap<Request, Caller>();

/** Who `request` is from, once use-authentication accepted its credentials; undefined before and without credentials. */
export function callerOf(request: Request): Caller | undefined {
  return callers.get(request);
}

/** Owned by this plugin: requests whose session cookie is no good, so that their response clears it. */
const clearCookie = new WeakSet<Request>();

/** The response's part (a use-response-steps step): clears a session cookie that is no good. */
export const clearRefusedCookie: ResponseStep = ({ request, response }) => {
  if (clearCookie.has(request)) response.headers.append('set-cookie', CLEARED_SESSION_COOKIE);
};

/**
 * Who is asking, before anything else runs: the request's credentials (a bearer token, verified and
 * exchanged per AUTH_MODE, or the session cookie) become its Caller (callerOf), or the request ends
 * with 401 UNAUTHENTICATED before any upstream call. Operations that only ask `__schema`, `__type`,
 * `__typename` or federation's `_service` need no credentials, so GraphiQL, schema tooling and supergraph
 * composition work without them; credentials that are present but bad are refused even there.
 */
export function useAuthentication(authenticator: Authenticator, logger: Logger): Plugin<Context> {
  /** The outcome recorded: the caller kept, or the request answered with its refusal. */
  const settle = (request: Request, setResult: (result: ExecutionResult) => void, outcome: Authentication) => {
    if (!('refused' in outcome)) {
      if (outcome.caller) callers.set(request, outcome.caller);
      return;
    }
    if (outcome.clearCookie) clearCookie.add(request);
    const refused = outcome.refused instanceof AppError ? outcome.refused : unexpected(outcome.refused, requestState(request, logger).logger);
    requestState(request, logger).logger.info({ code: refused.extensions.code, reason: refused.extensions.reason }, 'caller refused');
    setResult({ errors: [refused] });
  };
  const refusedBy = (error: unknown): Authentication => ({ refused: error as Error });
  return {
    // Synchronous when the authenticator answers at once: no promise for yoga's parameter hooks to wait on.
    onParams({ request, setResult }) {
      if (callers.has(request)) return; // a batched request's second operation
      let outcome: Authentication | Promise<Authentication>;
      try {
        outcome = authenticator.authenticate(request);
      } catch (error) {
        outcome = refusedBy(error);
      }
      if (!(outcome instanceof Promise)) return settle(request, setResult, outcome);
      return outcome.catch(refusedBy).then((settled) => settle(request, setResult, settled));
    },
  };
}

/**
 * The execution half (a use-request-checks execution check): an operation without a caller runs only if it asks
 * for nothing but the schema.
 */
export function callerRequired(authenticator: Authenticator): ExecutionCheck {
  return (args) => {
    if ((args.contextValue as Context).caller !== undefined) return undefined;
    if (isIntrospectionOnly(args.document, args.operationName ?? undefined)) return undefined;
    return { errors: [unauthenticated(missingMessage(authenticator.mode, args.contextValue))] };
  };
}

function unexpected(error: Error, logger: Logger): AppError {
  logger.error({ err: error }, 'authentication failed unexpectedly');
  return new AppError(ErrorCode.INTERNAL_SERVER_ERROR, 'Unexpected error.');
}

function missingMessage(mode: Authenticator['mode'], context: unknown): string {
  if (mode === 'session') return 'Sign in first: GET /auth/login.';
  const request = (context as { request?: Request }).request;
  return request?.headers.get('authorization')
    ? 'The Authorization header must be "Bearer <token>".'
    : 'An Authorization header with a bearer token is required.';
}

function isIntrospectionOnly(document: DocumentNode, operationName: string | undefined): boolean {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
  if (!operation) return false;
  return operation.selectionSet.selections.every(
    (selection) => selection.kind === Kind.FIELD && (selection.name.value.startsWith('__') || selection.name.value === '_service'),
  );
}
