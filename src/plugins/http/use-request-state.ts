import type { ResponseStep } from './use-response-steps.js';
import type { ExecutionCheck, ParamsStep } from './use-request-checks.js';
import type { RequestPayload } from './use-routes.js';
import { upstreamFiguresOf } from '../../app/context.js';
import { exchangeOf } from '../../server/http-exchange.js';
import type { Logger } from '../../observability/logger.js';
import { elapsedMs, logRequest } from '../../observability/request-log.js';
import { closeScope } from '../../app/request-scope.js';
import { requestState, startRequest } from '../../app/request-state.js';
import { afterResponse } from '../../app/response-end.js';
import { callerOf } from '../security/use-authentication.js';
import { errorCodesOf } from '../errors/use-error-policy.js';
import { sharedExecutionSignal, sharingOf } from '../performance/use-operation-single-flight.js';
import { operationOf } from '../operation-of.js';

/** Owned by this plugin: whether the request reached GraphQL, and the operation it executed. */
interface Seen {
  graphql: boolean;
  operationName: string | undefined;
}
const seen = new WeakMap<Request, Seen>();

/** The operation `request` executed, or whose execution it shared; undefined before execution or without a name. */
export function operationNameOf(request: Request): string | undefined {
  const leader = sharingOf(request)?.leader;
  return seen.get(request)?.operationName ?? (leader && seen.get(leader)?.operationName);
}

function seenFor(request: Request): Seen {
  let entry = seen.get(request);
  if (!entry) seen.set(request, (entry = { graphql: false, operationName: undefined }));
  return entry;
}

/** The request reached GraphQL: its parameters were read (a use-request-checks parameter step, before any refusal). */
export const markReachedGraphQL: ParamsStep = ({ request }) => {
  seenFor(request).graphql = true;
};

/**
 * Notes the operation each request executed (a use-request-checks execution check that never refuses, listed before
 * those that do). With openRequestState, opens each request's state (correlation id, child logger); with
 * markReachedGraphQL, notes whether it reached GraphQL; with requestStateOnResponse, returns the correlation id in
 * the `MS-CorrelationId` response header and writes one summary line per GraphQL request, and per request refused
 * with an error before its GraphQL parameters were read (413, CSRF, unreadable body); an incremental response's
 * line once its last payload is written.
 */
export const noteOperation: ExecutionCheck = (args) => {
  // The executed operation's name, also when the client named it only in the document.
  const request = (args.contextValue as { request?: Request }).request;
  const name = operationOf(args.document, args.operationName)?.name?.value;
  if (request && name) seenFor(request).operationName = name;
  return undefined;
};

/** Opens the request's state (use-routes runs it for every request that is not a probe). */
export function openRequestState(logger: Logger): (payload: RequestPayload) => void {
  return ({ request, serverContext }) => {
    // The HTTP server's correlation id, so that an answer it writes itself (shutdown) carries the same.
    const exchange = exchangeOf(serverContext);
    if (exchange) startRequest(request, logger, exchange.correlationId);
    else startRequest(request, logger);
  };
}

/**
 * The response's part (a use-response-steps step): returns the correlation id in `MS-CorrelationId`, ends the
 * scope with the response (unless others share the execution), and schedules the summary line.
 */
export function requestStateOnResponse(logger: Logger): ResponseStep {
  return ({ request, response, serverContext }) => {
    const state = requestState(request, logger);
    // The response ends the execution, unless others share it: then its flight does (use-operation-single-flight).
    if (!sharedExecutionSignal(request)) afterResponse(request, () => closeScope(request));
    response.headers.set('MS-CorrelationId', state.correlationId);
    if (!answered(request) || exchangeOf(serverContext)?.answeredByServer || !logger.isLevelEnabled('info')) return;
    const sharing = sharingOf(request);
    const caller = callerOf(request);
    afterResponse(request, () => {
      const errorCodes = errorCodesOf(request);
      logRequest(logger, {
        correlationId: state.correlationId,
        ...(caller ? { caller: caller.bindings } : {}),
        operationName: operationNameOf(request) ?? null,
        status: response.status,
        durationMs: elapsedMs(state.startedAt),
        upstreamCalls: upstreamFiguresOf(request).calls,
        outcome: errorCodes.length === 0 ? 'ok' : response.status === 200 ? 'partial' : 'error',
        errorCodes: [...errorCodes],
        ...(sharing ? { sharedWith: sharing.sharedWith } : {}),
        ...(sharing?.completed ? { sharedCompleted: true } : {}),
      });
    });
  };
}

/** Whether the request reached GraphQL (its parameters were read). */
export function reachedGraphQL(request: Request): boolean {
  return seen.get(request)?.graphql === true;
}

/**
 * A GraphQL request, or one refused with a GraphQL error before its parameters were read (its codes are noted by
 * use-error-policy): GraphiQL pages, health checks and /metrics are neither.
 */
export function answered(request: Request): boolean {
  return reachedGraphQL(request) || errorCodesOf(request).length > 0;
}
