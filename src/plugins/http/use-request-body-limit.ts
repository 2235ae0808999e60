import { IncomingMessage } from 'node:http';
import { Kind, parse, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { ErrorCode, refusalError } from '../../errors.js';
import type { ExecutionCheck, RequestCheck } from './use-request-checks.js';

const CONTENT_LENGTH = /^\d+$/;

const tooLarge = (limit: number) =>
  refusalError(ErrorCode.REQUEST_ENTITY_TOO_LARGE, `The request body is over ${limit} bytes.`);

export interface RequestBodyLimits {
  /** MAX_REQUEST_BYTES: any request. */
  limit: number;
  /**
   * MAX_ENTITIES_REQUEST_BYTES (at least `limit`): an operation asking only `_entities`, as a router's entity fetch
   * does. Its representations are checked one by one (entity-representations.ts), and the cost limit and the
   * per-request call cap bound what they can make the gateway do, whatever their number.
   */
  entitiesLimit: number;
}

/**
 * MAX_REQUEST_BYTES, in place of yoga's own `maxRequestBodySize` (turned off in create-app.ts), which pipes every
 * body through a TransformStream and builds a second Request: a stream pipeline, an AbortController and a
 * DOMException per request, a measurable share of a small request's CPU (BENCHMARKS.md).
 *
 * A request that came through Node's HTTP server with a valid Content-Length cannot deliver more bytes than
 * it declared (llhttp stops the body there, and refuses Content-Length beside Transfer-Encoding), so the
 * header alone decides. Every other request (chunked, or handed to `app.fetch` directly) is counted as its
 * body streams, as yoga does. `check` (a use-request-checks check) must come after the request parsers, i.e. among
 * the user plugins; `executionCheck` (a use-request-checks execution check) checks the operation that executes.
 *
 * A body over `limit` is read on (up to `entitiesLimit`) only when its first `limit` bytes open with a query whose
 * one operation asks nothing but `_entities`, and it executes only if the operation that runs does: a router's
 * entity fetch. Anything else is refused with the same 413, before any resolver runs.
 */
export function requestBodyLimit({ limit, entitiesLimit }: RequestBodyLimits): { check: RequestCheck; executionCheck: ExecutionCheck } {
  // Bytes of each body over `limit` (declared, or counted once it has streamed).
  const oversized = new WeakMap<Request, () => number>();
  const check: RequestCheck = ({ request, serverContext, requestParser, setRequestParser, fetchAPI }) => {
    const declared = request.headers.get('content-length');
    if (declared !== null) {
      if (!CONTENT_LENGTH.test(declared)) {
        throw refusalError(ErrorCode.BAD_REQUEST, 'The Content-Length header is not a byte count.');
      }
      const bytes = Number(declared);
      if (bytes > entitiesLimit) throw tooLarge(entitiesLimit);
      if (bytes <= limit && (serverContext as { req?: unknown }).req instanceof IncomingMessage) return;
    }
    if (requestParser === undefined || request.body === null) return;
    setRequestParser((req) => {
      const body = counted(req, { limit, entitiesLimit }, fetchAPI);
      oversized.set(request, body.read);
      return requestParser(body.request);
    });
  };
  const executionCheck: ExecutionCheck = (args) => {
    const request = (args.contextValue as { request?: Request }).request;
    const bytes = request === undefined ? undefined : oversized.get(request)?.();
    if (bytes === undefined || bytes <= limit) return undefined;
    if (asksOnlyEntities(args.document, args.operationName ?? undefined)) return undefined;
    return { errors: [tooLarge(limit)] };
  };
  return { check, executionCheck };
}

/**
 * The request again, its body failing with 413 once more than `limit` bytes have streamed unless those bytes open
 * with an entity fetch's query (then up to `entitiesLimit`), and the bytes read so far. Only an entity fetch is
 * read past `limit`: any other body costs no more memory than before.
 */
function counted(request: Request, { limit, entitiesLimit }: RequestBodyLimits, fetchAPI: { Request: typeof Request; TransformStream: typeof TransformStream }) {
  // A native ReadableStream pipes only into the native TransformStream (graphql-yoga#4583).
  const Transform = request.body instanceof ReadableStream ? globalThis.TransformStream : fetchAPI.TransformStream;
  let read = 0;
  let max = limit;
  const prefix: Uint8Array[] = [];
  const body = request.body!.pipeThrough(
    new Transform<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        read += chunk.byteLength;
        if (max === limit && entitiesLimit > limit) {
          prefix.push(chunk);
          if (read > limit) {
            if (opensWithEntitiesFetch(Buffer.concat(prefix).toString('utf8'))) max = entitiesLimit;
            prefix.length = 0;
          }
        }
        if (read > max) controller.error(tooLarge(max));
        else controller.enqueue(chunk);
      },
    }),
  );
  const again = new fetchAPI.Request(request.url, { method: request.method, headers: request.headers, signal: request.signal, body, duplex: 'half' } as RequestInit);
  return { request: again, read: () => read };
}

/** A JSON body's opening `"query"` member, as routers send an entity fetch (query before variables). */
const QUERY_MEMBER = /^\s*\{\s*"query"\s*:\s*("(?:[^"\\]|\\.)*")/;

/** Whether a body's first bytes hold a query whose only operation asks nothing but `_entities`. */
function opensWithEntitiesFetch(text: string): boolean {
  const member = QUERY_MEMBER.exec(text);
  if (!member) return false;
  try {
    const document = parse(JSON.parse(member[1]!) as string, { maxTokens: 2000 });
    return document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION).length === 1 && asksOnlyEntities(document, undefined);
  } catch {
    return false;
  }
}

/** Whether the operation that runs selects `_entities` and nothing else (bar `__typename`): a router's entity fetch. */
function asksOnlyEntities(document: DocumentNode, operationName: string | undefined): boolean {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
  if (operation?.operation !== 'query') return false;
  const fields = operation.selectionSet.selections.map((s) => (s.kind === Kind.FIELD ? s.name.value : undefined));
  return fields.includes('_entities') && fields.every((name) => name === '_entities' || name === '__typename');
}
