import { getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Logger } from '../logger.js';
import { releaseRequest, requestState, startRequest } from '../request-state.js';

/**
 * Opens each request's state (correlation id, child logger), returns the correlation id in the
 * `MS-CorrelationId` response header, and writes one summary line per GraphQL request.
 */
export function useRequestState(logger: Logger): Plugin {
  return {
    onRequest({ request }) {
      startRequest(request, logger);
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
    onResponse({ request, response }) {
      const state = requestState(request, logger);
      releaseRequest(state);
      response.headers.set('MS-CorrelationId', state.correlationId);
      if (!state.graphql || !logger.isLevelEnabled('info')) return;
      const durationMs = Math.round((performance.now() - state.startedAt) * 100) / 100;
      const outcome = state.errorCodes.length === 0 ? 'ok' : response.status === 200 ? 'partial' : 'error';
      // The root logger with the correlation id as a field, the same line as the request's child logger would
      // write: most requests log nothing else, and making the child (bindings, redaction) cost more than the line.
      logger.info(
        {
          correlationId: state.correlationId,
          ...state.caller?.bindings,
          graphql: {
            operationName: state.operationName ?? null,
            status: response.status,
            durationMs,
            upstreamCalls: state.upstreamCalls,
            outcome,
            errorCodes: [...new Set(state.errorCodes)],
            ...(state.sharedWith ? { sharedWith: state.sharedWith } : {}),
            ...(state.sharedCompleted ? { sharedCompleted: true } : {}),
          },
        },
        'graphql request',
      );
    },
  };
}
