import type { ServerResponse } from 'node:http';
import { PassThrough, pipeline } from 'node:stream';
import type { RequestPayload, Route } from './use-routes.js';
import { bearerAuthorization } from '../../app/context.js';
import { ErrorCode, fromUpstreamError, refusalStatus, routeStatus } from '../../errors.js';
import type { Logger } from '../../observability/logger.js';
import { isInvoiceId } from '../../partner-center/client/invoice-calls.js';
import type { OpenStatement } from '../../partner-center/client/statement.js';
import { UpstreamError } from '../../partner-center/transport/upstream-error.js';
import { requestState } from '../../app/request-state.js';

const PATH = /^\/invoices\/([^/]*)\/statement\.pdf$/;


/**
 * `GET /invoices/{id}/statement.pdf`: the invoice's statement, streamed from Partner Center with the caller's
 * own Authorization. The id is checked and the token required before any upstream call; the PDF is piped,
 * never held whole, with Partner Center's Content-Length passed on. A transfer that fails midway destroys the
 * client's connection, so the client sees an error, never a shorter file that looks whole. A use-routes route.
 */
export function invoiceStatementRoute(openStatement: OpenStatement, logger: Logger): Route {
  return { matches: (_request, url) => PATH.test(url.pathname), answer };

  async function answer({ request, url, endResponse, fetchAPI, serverContext }: RequestPayload): Promise<void> {
    const json = (status: number, code: string, message: string, extensions: Record<string, unknown> = {}) =>
      endResponse(
        new fetchAPI.Response(JSON.stringify({ errors: [{ message, extensions: { ...extensions, code } }] }), {
          status,
          headers: {
            'content-type': 'application/json; charset=utf-8',
            'cache-control': 'no-store',
            ...(status === 401 ? { 'www-authenticate': 'Bearer' } : {}),
            ...(status === 405 ? { allow: 'GET, HEAD' } : {}),
          },
        }),
      );
    if (request.method !== 'GET' && request.method !== 'HEAD') return json(refusalStatus(ErrorCode.BAD_REQUEST, 'method'), ErrorCode.BAD_REQUEST, 'Use GET for a statement.');
    const authorization = bearerAuthorization(request);
    if (!authorization) return json(refusalStatus(ErrorCode.UNAUTHENTICATED), ErrorCode.UNAUTHENTICATED, 'An Authorization header with a bearer token is required.');
    const invoiceId = safeDecode(PATH.exec(url.pathname)?.[1] ?? '');
    if (invoiceId === undefined || !isInvoiceId(invoiceId)) {
      return json(refusalStatus(ErrorCode.BAD_REQUEST), ErrorCode.BAD_REQUEST, 'The invoice id must be 6 to 20 letters and digits, e.g. D0400005UL.', { argument: 'id' });
    }
    const state = requestState(request, logger);
    let statement;
    try {
      statement = await openStatement({ authorization, correlationId: state.correlationId, logger: state.logger }, invoiceId);
    } catch (error) {
      if (!(error instanceof UpstreamError)) throw error;
      const coded = fromUpstreamError(error);
      const code = coded.extensions.code as ErrorCode;
      return json(routeStatus(code), code, coded.message, { upstream: coded.extensions.upstream });
    }
    const res = (serverContext as { res?: ServerResponse } | undefined)?.res;
    if (res?.destroyed) {
      // The client left while Partner Center was answering: nothing will read the body.
      statement.body.destroy();
      return endResponse(new fetchAPI.Response(null, { status: 499 }));
    }
    // Whatever ends the client's connection ends the upstream transfer (a no-op once it has finished).
    res?.once('close', () => statement.body.destroy());
    const body = new PassThrough();
    pipeline(statement.body, body, (error) => {
      if (!error) return;
      state.logger.warn({ err: { message: error.message }, invoiceId }, 'invoice statement failed midway');
      // Headers and part of the file are out: only a broken connection tells the client it is incomplete.
      res?.destroy(error);
    });
    const headers: Record<string, string> = {
      'content-type': 'application/pdf',
      'content-disposition': statement.contentDisposition ?? `attachment; filename=Invoice_${invoiceId}.pdf`,
      'cache-control': 'private, no-store',
    };
    if (statement.contentLength !== undefined && /^\d+$/.test(statement.contentLength)) headers['content-length'] = statement.contentLength;
    if (request.method === 'HEAD') {
      body.destroy();
      statement.body.destroy();
      return endResponse(new fetchAPI.Response(null, { status: 200, headers }));
    }
    // A Node stream body is piped by the server with backpressure, and destroyed if the client goes away.
    endResponse(new fetchAPI.Response(body as unknown as BodyInit, { status: 200, headers }));
  }
}

function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
