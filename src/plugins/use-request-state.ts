import { getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { exchangeOf } from '../http-exchange.js';
import type { Logger } from '../logger.js';
import { elapsedMs, logRequest } from '../request-log.js';
import { closeScope } from '../request-scope.js';
import { afterResponse, requestState, startRequest } from '../request-state.js';
import { sharedExecutionSignal, sharingOf } from './use-operation-single-flight.js';

/**
 * Opens each request's state (correlation id, child logger), returns the correlation id in the
 * `MS-CorrelationId` response header, and writes one summary line per GraphQL request, and per
 * request refused with an error before its GraphQL parameters were read (413, CSRF, unreadable body);
 * an incremental response's line once its last payload is written.
 */
export function useRequestState(logger: Logger): Plugin {
  return {
    onRequest({ request, serverContext }) {
      // The HTTP server's correlation id, so that an answer it writes itself (shutdown) carries the same.
      const exchange = exchangeOf(serverContext);
      if (exchange) startRequest(request, logger, exchange.correlationId);
      else startRequest(request, logger);
    },
    onParams({ request }) {
      requestState(request, logger).graphql = true;
    },
    onExecute({ args }) {
      // The executed operation's name, also when the client named it only in the document.
      const request = (args.contextValue as { request?: Request }).request;
      const name = getOperationAST(args.document, args.operationName)?.name?.value;
      if (request && name) requestState(request, logger).operationName = name;
    },
    onResponse({ request, response, serverContext }) {
      const state = requestState(request, logger);
      // The response ends the execution, unless others share it: then its flight does (use-operation-single-flight).
      if (!sharedExecutionSignal(request)) afterResponse(state, () => closeScope(request));
      response.headers.set('MS-CorrelationId', state.correlationId);
      if (!answered(state) || exchangeOf(serverContext)?.answeredByServer || !logger.isLevelEnabled('info')) return;
      const sharing = sharingOf(request);
      afterResponse(state, () =>
        logRequest(logger, {
          correlationId: state.correlationId,
          ...(state.caller ? { caller: state.caller.bindings } : {}),
          operationName: state.operationName ?? sharing?.operationName ?? null,
          status: response.status,
          durationMs: elapsedMs(state.startedAt),
          upstreamCalls: state.upstreamCalls,
          outcome: state.errorCodes.length === 0 ? 'ok' : response.status === 200 ? 'partial' : 'error',
          errorCodes: state.errorCodes,
          ...(sharing ? { sharedWith: sharing.sharedWith } : {}),
          ...(sharing?.completed ? { sharedCompleted: true } : {}),
        }),
      );
    },
  };
}

/**
 * A GraphQL request, or one refused with a GraphQL error before its parameters were read (its codes are noted by
 * use-error-policy): GraphiQL pages, health checks and /metrics are neither.
 */
export function answered(state: { graphql: boolean; errorCodes: readonly string[] }): boolean {
  return state.graphql || state.errorCodes.length > 0;
}
