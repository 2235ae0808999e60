import { getNamedType, isAbstractType, TypeInfo, visit, visitWithTypeInfo, type DocumentNode, type ExecutionArgs, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { LRUCache } from 'lru-cache';
import type { Plugin } from 'graphql-yoga';
import { documentBytes } from './document-cache.js';
import type { Logger } from '../../observability/logger.js';

/** A document's state: executions seen so far, then its compiled form, or `false` for graphql-js for good. */
type Entry = { seen: number } | CompiledQuery | false;

/**
 * Executes hot documents with graphql-jit (compiled once, then plain JavaScript calls) instead of graphql-js's
 * interpreter, which costs markedly more CPU per request (BENCHMARKS.md). graphql-jit is not a drop-in, so it
 * only gets what it is known to get right:
 *
 * - documents that select no union or interface (graphql-jit mishandles abstract types: `_entities` lost a
 *   list element in our subgraph test; zalando-incubator/graphql-jit#90, #181), no introspection and no
 *   @skip/@include (its own documentation flags fragment-spread skip/include), no @defer/@stream (incremental
 *   delivery is graphql-js's executor's); everything else runs on
 *   graphql-js, unchanged;
 * - only from a document's 10th execution (GRAPHQL_JIT_AFTER): a frontend's operations run thousands of times,
 *   while a caller sending ever-new documents gets no compilation, or one per ten requests at most;
 * - a document that fails to compile runs on graphql-js from then on (logged once at warn);
 * - only error-free results are graphql-jit's: a result with any error is computed again by graphql-js over the
 *   same context, whose DataLoaders already hold every answer and failure, so no upstream call is repeated.
 *   graphql-jit drops a list's failed last item (`customers(ids:)` lost its null) and errors' `locations`;
 *   errors are rare on the hot path, so this costs little.
 *
 * Keyed by the parsed DocumentNode, which the document cache hands out again for the same text, in an LRU
 * bounded by bytes: the key holds its document (up to ~1 MB near the token limit) and a compiled document
 * ~50 kB of generated code, so a count of documents would let one caller with any bearer token pin hundreds
 * of megabytes. An evicted document runs on graphql-js until it is hot again.
 */
const MAX_BYTES = 32 * 1024 * 1024;
/** What a compiled document's generated code is taken to hold, counted for every entry whether compiled or not. */
const COMPILED_BYTES = 64 * 1024;

/** The per-document states, bounded by the bytes their documents and compiled code hold. */
export function jitEntries(maxBytes = MAX_BYTES): LRUCache<DocumentNode, Map<string, Entry>> {
  return new LRUCache<DocumentNode, Map<string, Entry>>({
    maxSize: maxBytes,
    sizeCalculation: (_entry, document) => documentBytes(document.loc?.source.body ?? '', document) + COMPILED_BYTES,
  });
}

export function useJit(logger: Logger, after = 10, entries = jitEntries()): Plugin {
  if (after === 0) return {};
  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      let byOperation = entries.get(args.document);
      if (!byOperation) entries.set(args.document, (byOperation = new Map()));
      const operation = args.operationName ?? '';
      let entry = byOperation.get(operation) ?? { seen: 0 };
      if (entry !== false && 'seen' in entry) {
        entry.seen += 1;
        if (entry.seen >= after) entry = compile(args, logger);
        byOperation.set(operation, entry);
      }
      if (entry === false || 'seen' in entry) return;
      const compiled = entry;
      setExecuteFn(async (executionArgs) => {
        const result = await compiled.query(executionArgs.rootValue, executionArgs.contextValue, executionArgs.variableValues);
        // Any error: graphql-js answers instead, over the same context, so the loaders' caches serve it (no new
        // upstream call). graphql-jit drops a list's failed last item and the errors' locations.
        return result.errors?.length ? executeFn(executionArgs) : result;
      });
    },
  };
}

function compile(args: ExecutionArgs, logger: Logger): CompiledQuery | false {
  if (!eligible(args.schema, args.document)) return false;
  try {
    const compiled = compileQuery(args.schema, args.document, args.operationName ?? undefined);
    if (isCompiledQuery(compiled)) {
      logger.debug({ jit: { operationName: args.operationName ?? null } }, 'graphql-jit compiled a document');
      return compiled;
    }
    logger.warn({ jit: { operationName: args.operationName ?? null, errors: compiled.errors?.map((e) => e.message) } }, 'graphql-jit could not compile a document; graphql-js runs it');
  } catch (error) {
    logger.warn({ jit: { operationName: args.operationName ?? null }, err: error }, 'graphql-jit could not compile a document; graphql-js runs it');
  }
  return false;
}

const INTERPRETED_DIRECTIVES = new Set(['skip', 'include', 'defer', 'stream']);

/** Whether graphql-jit may run the document: no abstract types, introspection, skip/include or defer/stream anywhere in it. */
export function eligible(schema: GraphQLSchema, document: DocumentNode): boolean {
  const typeInfo = new TypeInfo(schema);
  let ok = true;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const type = typeInfo.getType();
        if (node.name.value === '__schema' || node.name.value === '__type' || !type || isAbstractType(getNamedType(type))) ok = false;
      },
      Directive(node) {
        // graphql-jit knows nothing of @defer/@stream: it would answer in one piece, without the payloads asked for.
        if (INTERPRETED_DIRECTIVES.has(node.name.value)) ok = false;
      },
      InlineFragment() {
        const type = typeInfo.getType();
        if (type && isAbstractType(getNamedType(type))) ok = false;
      },
    }),
  );
  return ok;
}
