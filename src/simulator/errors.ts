/**
 * Replies and the three error body shapes of API-FACTS 2.1: A standard fault, B customer-service fault,
 * C gateway (APIM) fault. Standard fault codes are JSON numbers, as real payloads carry them.
 */
import { STATUS_CODES } from 'node:http';
import { AUTH_REALM_ID } from './constants.js';

export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export function ok(body: unknown): Reply {
  return { status: 200, body };
}

/** Shape A: `{code, description, data: [], source}`. */
export function standardBody(code: number | string, description: string): Record<string, unknown> {
  return { code, description, data: [], source: 'PartnerFD' };
}

/** Shape B, from the newer customer-service endpoints. */
export function customerServiceBody(status: number, code: number | string, description: string): Record<string, unknown> {
  return {
    code,
    message: description,
    description,
    errorName: (STATUS_CODES[status] ?? 'Error').replace(/[^A-Za-z]/g, ''),
    isRetryable: status >= 500 || status === 429 || status === 408,
    parameters: {},
    errorMessageExtended: `InternalErrorCode=${code}`,
  };
}

/** Shape C: `{statusCode, message}`, used by the gateway for 429 and route-level errors. */
export function gatewayBody(status: number, message: string): Record<string, unknown> {
  return { statusCode: status, message };
}

function standard(status: number, code: number, description: string, headers?: Record<string, string>): Reply {
  return { status, body: standardBody(code, description), ...(headers ? { headers } : {}) };
}

/** The canned faults the routes answer with (API-FACTS 2.3). */
export const Faults = {
  tokenMissing: (): Reply => standard(401, 800001, 'Partner Token missing in request context', {
    'WWW-Authenticate': `OAuth realm=urn:cpsvc:cpid:${AUTH_REALM_ID}`,
  }),
  accessDenied: (): Reply => standard(401, 400, 'Access denied'),
  invalidInput: (description = 'Invalid request input'): Reply => standard(400, 800002, description),
  invalidContinuationToken: (): Reply => standard(400, 800002, 'Invalid continuation token'),
  invalidCustomerId: (): Reply => standard(400, 900118, 'Invalid Customer Id'),
  unparsableEnum: (value: string): Reply => standard(400, 900126, `Unable to parse enum: ${value}`),
  tenantNotFound: (): Reply => standard(404, 60003, 'Tenant not found'),
  throttled: (retryAfterSeconds: number): Reply => ({
    status: 429,
    body: gatewayBody(429, defaultGatewayMessage(429, retryAfterSeconds)),
    headers: { 'Retry-After': String(retryAfterSeconds) },
  }),
  noRelationship: (): Reply => standard(403, 20002, 'No relationship between caller and account.'),
  orderNotFound: (): Reply => standard(404, 20000, 'Order ID not found'),
  lineItemOutOfRange: (): Reply => standard(400, 800071, 'Line Item number should be from 0 to number of line items count'),
  subscriptionNotFound: (id: string): Reply => standard(404, 20003, `Subscription with ID ${id} not found.`),
  productNotFound: (): Reply => standard(404, 400013, 'Product was not found.'),
  skuNotFound: (): Reply => standard(404, 400018, 'Sku was not found.'),
  routeNotFound: (): Reply => ({ status: 404, body: gatewayBody(404, 'Resource not found') }),
  methodNotAllowed: (): Reply => ({ status: 405, body: gatewayBody(405, 'Method not allowed') }),
  internal: (): Reply => ({ status: 500, body: gatewayBody(500, 'Internal server error') }),
};

/** Defaults for injected status faults, so `{ kind: 'status', status: 404 }` alone gives a plausible body. */
const STANDARD_DEFAULTS: Readonly<Record<number, readonly [number, string]>> = {
  400: [800002, 'Invalid request input'],
  401: [800001, 'Partner Token missing in request context'],
  403: [2032, 'Access denied'],
  404: [1000, 'Not found'],
  409: [800060, 'Your order is in progress. Please check in a few minutes.'],
  500: [800003, 'Unexpected service error'],
};

export function defaultStandardFault(status: number): readonly [number, string] {
  return STANDARD_DEFAULTS[status] ?? (status >= 500 ? [800003, 'Unexpected service error'] : [800002, 'Invalid request input']);
}

const GATEWAY_MESSAGES: Readonly<Record<number, string>> = {
  404: 'Resource not found',
  500: 'Internal server error',
  502: 'Bad gateway',
  503: 'Service unavailable',
  504: 'Gateway timeout',
};

export function defaultGatewayMessage(status: number, retryAfterSeconds?: number): string {
  if (status === 429) {
    return retryAfterSeconds === undefined
      ? 'Rate limit is exceeded.'
      : `Rate limit is exceeded. Try again in ${retryAfterSeconds} seconds.`;
  }
  return GATEWAY_MESSAGES[status] ?? STATUS_CODES[status] ?? 'Error';
}
