import { getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Logger } from '../../observability/logger.js';
import { upstreamFiguresOf } from '../../app/context.js';
import { requestState } from '../../app/request-state.js';
import { afterResponse } from '../../app/response-end.js';
import type { RequestTracing } from '../../observability/request-tracing.js';
import { callerOf } from '../security/use-authentication.js';
import { errorCodesOf } from '../errors/use-error-policy.js';
import { sharingOf } from '../performance/use-operation-single-flight.js';
import { operationNameOf } from '../http/use-request-state.js';

/**
 * One span per GraphQL request (request-tracing.ts), from its parameters to its response: opened
 * once the request is known to be GraphQL (not /health, /metrics or GraphiQL), named after the
 * executed operation, closed with the HTTP status and the error codes use-error-policy noted (an
 * incremental response's after its last payload, with the whole response's calls and codes).
 * The upstream-call spans under it are opened by the transport through the context's CallContext.
 */
export function useTracing(tracing: RequestTracing, logger: Logger): Plugin {
  return {
    onParams({ request }) {
      tracing.start(request, requestState(request, logger).correlationId);
    },
    onExecute({ args }) {
      const request = (args.contextValue as { request?: Request }).request;
      const operation = getOperationAST(args.document, args.operationName);
      if (request && operation) tracing.setOperation(request, operation.name?.value, operation.operation);
    },
    onResponse({ request, response }) {
      const caller = callerOf(request);
      // A request that shared another's execution (use-operation-single-flight) never executed: name it here.
      const sharing = sharingOf(request);
      if (sharing) tracing.setOperation(request, operationNameOf(request), 'query');
      afterResponse(request, () =>
        tracing.end(request, {
          status: response.status,
          errorCodes: [...errorCodesOf(request)],
          upstreamCalls: upstreamFiguresOf(request).calls,
          ...(sharing ? { sharedWith: sharing.sharedWith } : {}),
          ...(sharing?.completed ? { sharedCompleted: true } : {}),
          ...(caller ? { caller: caller.bindings } : {}),
        }),
      );
    },
  };
}
