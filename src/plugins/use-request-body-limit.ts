import { IncomingMessage } from 'node:http';
import type { Plugin } from 'graphql-yoga';
import { AppError, ErrorCode } from '../errors.js';

const CONTENT_LENGTH = /^\d+$/;

const tooLarge = (limit: number) =>
  new AppError(ErrorCode.REQUEST_ENTITY_TOO_LARGE, `The request body is over ${limit} bytes.`, { http: { status: 413 } });

/**
 * MAX_REQUEST_BYTES, in place of yoga's own `maxRequestBodySize` (turned off in app.ts), which pipes every
 * body through a TransformStream and builds a second Request: a stream pipeline, an AbortController and a
 * DOMException per request, about 8 % of the canonical request's CPU (BENCHMARKS.md).
 *
 * A request that came through Node's HTTP server with a valid Content-Length cannot deliver more bytes than
 * it declared (llhttp stops the body there, and refuses Content-Length beside Transfer-Encoding), so the
 * header alone decides. Every other request (chunked, or handed to `app.fetch` directly) is counted as its
 * body streams, as yoga does. Must come after the request parsers, i.e. among the user plugins.
 */
export function useRequestBodyLimit(limit: number): Plugin {
  return {
    onRequestParse({ request, serverContext, requestParser, setRequestParser, fetchAPI }) {
      const declared = request.headers.get('content-length');
      if (declared !== null) {
        if (!CONTENT_LENGTH.test(declared)) {
          throw new AppError(ErrorCode.BAD_REQUEST, 'The Content-Length header is not a byte count.', { http: { status: 400 } });
        }
        if (Number(declared) > limit) throw tooLarge(limit);
        if ((serverContext as { req?: unknown }).req instanceof IncomingMessage) return;
      }
      if (requestParser === undefined || request.body === null) return;
      setRequestParser((req) => requestParser(counted(req, limit, fetchAPI)));
    },
  };
}

/** The request again, its body failing with 413 once more than `limit` bytes have streamed. */
function counted(request: Request, limit: number, fetchAPI: { Request: typeof Request; TransformStream: typeof TransformStream }): Request {
  // A native ReadableStream pipes only into the native TransformStream (graphql-yoga#4583).
  const Transform = request.body instanceof ReadableStream ? globalThis.TransformStream : fetchAPI.TransformStream;
  let read = 0;
  const body = request.body!.pipeThrough(
    new Transform<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        read += chunk.byteLength;
        if (read > limit) controller.error(tooLarge(limit));
        else controller.enqueue(chunk);
      },
    }),
  );
  return new fetchAPI.Request(request.url, { method: request.method, headers: request.headers, signal: request.signal, body, duplex: 'half' } as RequestInit);
}
