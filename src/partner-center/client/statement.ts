import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { request, type Dispatcher } from 'undici';
import { statusFailure } from '../transport/error-body.js';
import type { CallContext } from '../transport/http.js';
import { isInvoiceId } from './invoice-calls.js';
import { UpstreamError } from '../transport/upstream-error.js';

/** An invoice statement on its way: the upstream body, unread, to be piped to the client. */
export interface Statement {
  readonly body: Readable;
  /** Upstream Content-Length when it sent one: passed on, so a cut-off transfer is detectable. */
  readonly contentLength: string | undefined;
  readonly contentDisposition: string | undefined;
  readonly requestId: string;
}

/** GET /v1/invoices/{id}/documents/statement, streamed (get-invoice-statement.md). */
export type OpenStatement = (call: Pick<CallContext, 'authorization' | 'correlationId' | 'logger' | 'signal'>, invoiceId: string) => Promise<Statement>;

export interface StatementOptions {
  baseUrl: string;
  dispatcher: Dispatcher;
  /** Time to the response headers, and the longest pause between two body chunks, ms. */
  timeoutMs: number;
  applicationName: string;
}

const ROUTE = '/v1/invoices/{id}/documents/statement';
const ERROR_BODY_LIMIT = 64 * 1024;

/**
 * Opens the statement and hands its body on unread: the PDF is never held whole, and backpressure from the
 * client reaches Partner Center through the pipe. Errors before the first byte are UpstreamErrors, classified
 * like every other call's; a PDF that is not one (a JSON 200) is an invalid response.
 */
export function createStatementTransport(options: StatementOptions): OpenStatement {
  const origin = new URL(options.baseUrl).origin;
  return async function openStatement(call, invoiceId) {
    if (!isInvoiceId(invoiceId)) throw new TypeError('invoice id is not letters and digits');
    const requestId = randomUUID();
    const fail = (message: string, details: Omit<ConstructorParameters<typeof UpstreamError>[1], 'requestId' | 'route'>) =>
      new UpstreamError(message, { ...details, requestId, route: ROUTE });
    const started = performance.now();
    let response: Dispatcher.ResponseData;
    try {
      response = await request(new URL(`/v1/invoices/${encodeURIComponent(invoiceId)}/documents/statement`, origin), {
        method: 'GET',
        dispatcher: options.dispatcher,
        ...(call.signal ? { signal: call.signal } : {}),
        headersTimeout: options.timeoutMs,
        bodyTimeout: options.timeoutMs,
        headers: {
          authorization: call.authorization,
          accept: 'application/pdf, application/json',
          'ms-correlationid': call.correlationId,
          'ms-requestid': requestId,
          'ms-partnercenter-application': options.applicationName,
        },
      });
    } catch (cause) {
      const code = (cause as { code?: unknown } | null)?.code;
      throw code === 'UND_ERR_HEADERS_TIMEOUT'
        ? fail(`Partner Center did not answer within ${options.timeoutMs} ms`, { kind: 'timeout', cause })
        : fail('Could not reach Partner Center', { kind: 'network', cause });
    }
    const status = response.statusCode;
    call.logger.info({ upstream: { method: 'GET', route: ROUTE, status, requestId, durationMs: Math.round(performance.now() - started) } }, 'upstream call');
    if (status < 200 || status >= 300) {
      const { message, details } = statusFailure(status, await readSome(response.body), single(response.headers['retry-after']));
      throw fail(message, details);
    }
    const type = single(response.headers['content-type']) ?? '';
    if (!/\bapplication\/(pdf|octet-stream)\b/i.test(type)) {
      response.body.destroy();
      throw fail(`Partner Center answered with content type "${type.slice(0, 60)}" instead of a PDF`, { kind: 'invalid-response', status });
    }
    return {
      body: response.body,
      contentLength: single(response.headers['content-length']),
      contentDisposition: single(response.headers['content-disposition']),
      requestId,
    };
  };
}

async function readSome(body: Readable & { text(): Promise<string> }): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > ERROR_BODY_LIMIT) {
      body.destroy();
      break;
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
