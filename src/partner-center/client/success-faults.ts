import type { UpstreamPath, UpstreamResponse } from '../transport/http.js';
import { errorBodyDetails } from '../transport/error-body.js';
import { UpstreamError, type UpstreamErrorKind } from '../transport/upstream-error.js';

/**
 * error-codes.md documents a fault answered with HTTP 200: 400072 "This item isn't available" (Azure items in
 * CSP). A 2xx body that is a fault (shape A or B: a `code` with a description) and not the resource asked for
 * (no `id`, no `items`) is that fault, mapped as the status its code has in error-codes.md would be.
 */
const KIND_BY_CODE: Readonly<Record<string, UpstreamErrorKind>> = {
  // The item cannot be served at all: for a reader it does not exist.
  '400072': 'not-found',
  '1000': 'not-found',
  '20000': 'not-found',
  '20003': 'not-found',
  '60003': 'not-found',
  '400013': 'not-found',
  '400018': 'not-found',
  '800007': 'not-found',
  '20002': 'forbidden',
  '2032': 'forbidden',
  '400': 'unauthorized',
  '800001': 'unauthorized',
  '800003': 'server-error',
};

/** Throws the fault a 2xx body carries; returns when the body is not one. */
export function rejectSuccessFault(response: UpstreamResponse, target: UpstreamPath): void {
  const { body } = response;
  if (body === null || typeof body !== 'object' || Array.isArray(body) || 'id' in body || 'items' in body) return;
  const details = errorBodyDetails(body);
  if ((details.shape !== 'standard' && details.shape !== 'customer-service') || details.code === undefined) return;
  throw new UpstreamError(`Partner Center answered ${response.status} with error ${details.code}${details.description ? `: ${details.description}` : ''}`, {
    // Any other code in a 2xx is still a refusal: an upstream error, never data.
    kind: KIND_BY_CODE[details.code] ?? 'bad-request',
    status: response.status,
    requestId: response.requestId,
    route: target.route,
    partnerCenterCode: details.code,
    ...(details.description !== undefined ? { description: details.description } : {}),
  });
}
