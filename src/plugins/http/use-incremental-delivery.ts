import { useDeferStream } from '@graphql-yoga/plugin-defer-stream';
import { Kind, OverlappingFieldsCanBeMergedRule, visit, type DocumentNode, type ValidationRule } from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import type { Logger } from '../../observability/logger.js';
import { awaitLastPayload, endResponse } from '../../app/response-end.js';

const INCREMENTAL_DIRECTIVES = new Set(['defer', 'stream']);
/** The response types that carry several payloads; a request accepting neither gets one JSON answer. */
const INCREMENTAL_TYPES = /multipart\/mixed|text\/event-stream/i;

/**
 * `@defer` and `@stream` (yoga's plugin adds the directives and their validation rules): a client gets the
 * fast part of an answer at once and slow fields (provisioning status, catalog joins, a big customer's
 * orders) as they arrive, over `multipart/mixed` or `text/event-stream`.
 *
 * - A request that accepts neither (graphql-request, curl with JSON) gets the whole answer in one response, as the
 *   incremental delivery proposal lets a server do: the directives are dropped before execution. Otherwise yoga
 *   would run the operation and then answer 406 with an empty body.
 * - The response is made when the first payload is ready, while deferred fields still run: the request's end
 *   (response-end.ts) comes when its last payload is written or its caller goes away. Until then it keeps
 *   its deadline and large-body share, and its log line, metrics and span wait (afterResponse), so they carry the
 *   whole response's upstream calls, error codes and duration. Deferred work is cancelled like the rest, by the
 *   deadline or by the caller leaving.
 */
export function useIncrementalDelivery(logger: Logger): Plugin {
  /** Per parsed document (yoga's parse cache hands the same one out again): itself without the directives, or false without any. */
  const inOnePiece = new WeakMap<DocumentNode, DocumentNode | false>();
  return {
    onPluginInit({ addPlugin }) {
      // Its generic context type differs only nominally; it reads nothing from the context.
      addPlugin(withRulesOnce(useDeferStream()) as Plugin);
    },
    onExecute({ args, executeFn, setExecuteFn }) {
      const request = (args.contextValue as { request?: Request }).request;
      if (request && !INCREMENTAL_TYPES.test(request.headers.get('accept') ?? '')) {
        let whole = inOnePiece.get(args.document);
        if (whole === undefined) inOnePiece.set(args.document, (whole = dropIncremental(args.document)));
        if (whole) {
          const document = whole;
          setExecuteFn((executionArgs) => executeFn({ ...executionArgs, document }));
        }
      }
      return {
        onExecuteDone({ result }) {
          if (!request || !isAsyncIterable(result)) return;
          awaitLastPayload(request);
          // The stream is not always cancelled when its caller goes away: the caller's signal ends it then.
          if (request.signal.aborted) endResponse(request);
          else request.signal.addEventListener('abort', () => endResponse(request), { once: true });
          return { onEnd: () => endResponse(request) };
        },
      };
    },
  };
}

type DeferStream = ReturnType<typeof useDeferStream>;
type ValidatePayload = Parameters<NonNullable<DeferStream['onValidate']>>[0];

/**
 * yoga's plugin with the same validation step made cheaper: its onValidate, which runs for every request (valid
 * documents come from the document cache, but every onValidate hook still runs), drops the rule named
 * OverlappingFieldsCanBeMergedRule by reading each rule function's name, and adds its four rules. The rules it adds
 * are read from it once, and the one it replaces is dropped by identity.
 */
function withRulesOnce(plugin: DeferStream): DeferStream {
  const added: ValidationRule[] = [];
  plugin.onValidate?.({ params: { rules: [] }, addValidationRule: (rule: ValidationRule) => added.push(rule) } as unknown as ValidatePayload);
  return {
    ...plugin,
    onValidate: ({ params, addValidationRule }) => {
      params.rules = (params.rules ?? []).filter((rule: ValidationRule) => rule !== OverlappingFieldsCanBeMergedRule);
      for (const rule of added) addValidationRule(rule);
    },
  };
}

/** The document without its @defer and @stream (the same selections, executed in one piece); false if it has none. */
function dropIncremental(document: DocumentNode): DocumentNode | false {
  let found = false;
  const whole = visit(document, {
    [Kind.DIRECTIVE]: (node) => {
      if (!INCREMENTAL_DIRECTIVES.has(node.name.value)) return undefined;
      found = true;
      return null;
    },
  });
  return found && whole;
}
