import { useDeferStream } from '@graphql-yoga/plugin-defer-stream';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import type { Logger } from '../logger.js';
import { releaseDeadline, requestState } from '../request-state.js';

/**
 * `@defer` and `@stream` (yoga's plugin adds the directives and their validation rules): a client gets the
 * fast part of an answer at once and slow fields (provisioning status, catalog joins, a big customer's
 * orders) as they arrive, over `multipart/mixed` or `text/event-stream`.
 *
 * The response (and so use-request-state's release of the deadline) is made when the first payload is ready,
 * while deferred fields still run: an incremental execution keeps the request's deadline and large-body share
 * until its last payload is written or its caller goes away. Deferred work is cancelled like the rest, by the
 * deadline or by the caller leaving.
 */
export function useIncrementalDelivery(logger: Logger): Plugin {
  return {
    onPluginInit({ addPlugin }) {
      // Its generic context type differs only nominally; it reads nothing from the context.
      addPlugin(useDeferStream() as Plugin);
    },
    onExecute({ args }) {
      const request = (args.contextValue as { request?: Request }).request;
      return {
        onExecuteDone({ result }) {
          if (!request || !isAsyncIterable(result)) return;
          const state = requestState(request, logger);
          // releaseRequest leaves a deadline whose execution has its own cancel signal; this one's is the caller's.
          state.cancel ??= request.signal;
          return { onEnd: () => releaseDeadline(state) };
        },
      };
    },
  };
}
