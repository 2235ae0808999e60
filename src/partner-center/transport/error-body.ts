/**
 * Partner Center answers errors in three body shapes (API-FACTS 2.1):
 *   A. standard fault        { code, description, data, source }     code: number or string
 *   B. customer-service fault { code, message, description, errorName, isRetryable, … }
 *   C. gateway (APIM) fault   { statusCode, message }                 429 and gateway 404/500
 * Anything else (HTML from a proxy, truncated JSON) yields no details: raw bodies never reach clients.
 */
import { kindForStatus, type UpstreamErrorDetails } from './upstream-error.js';

export interface ErrorBodyDetails {
  shape: 'standard' | 'customer-service' | 'gateway' | 'unrecognized';
  code?: string;
  description?: string;
}

const MAX_DESCRIPTION = 1024;

export function parseErrorBody(text: string): ErrorBodyDetails {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { shape: 'unrecognized' };
  }
  return errorBodyDetails(body);
}

/** The same, for a body already parsed (a 2xx that may carry a fault, see success-faults.ts). */
export function errorBodyDetails(body: unknown): ErrorBodyDetails {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return { shape: 'unrecognized' };
  const record = body as Record<string, unknown>;
  const code = asCode(record.code);
  if (code !== undefined && (typeof record.errorName === 'string' || 'isRetryable' in record)) {
    return withDescription({ shape: 'customer-service', code }, record.description ?? record.message);
  }
  if (code !== undefined && typeof record.description === 'string') {
    return withDescription({ shape: 'standard', code }, record.description);
  }
  if (typeof record.statusCode === 'number' && typeof record.message === 'string') {
    return withDescription({ shape: 'gateway' }, record.message);
  }
  if (code !== undefined) return withDescription({ shape: 'standard', code }, record.message);
  return { shape: 'unrecognized' };
}

function asCode(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'string' && value.trim() !== '') return value.trim().slice(0, 64);
  return undefined;
}

function withDescription(details: ErrorBodyDetails, description: unknown): ErrorBodyDetails {
  if (typeof description === 'string' && description.trim() !== '') {
    details.description = description.trim().slice(0, MAX_DESCRIPTION);
  }
  return details;
}

/** Retry-After is delta-seconds or an HTTP-date (RFC 9110 10.2.3). */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  // Echoed headers can arrive comma-joined ("30, 30"); an HTTP-date has its own comma ("Thu, 01 …").
  const seconds = /^\s*(\d+)\s*(?:,|$)/.exec(value);
  if (seconds) return Math.min(Number(seconds[1]), 86_400);
  const date = Date.parse(value.trim());
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

/** What an error answer says, as the message and details of its UpstreamError (kind from its status). */
export function statusFailure(status: number, bodyText: string, retryAfterHeader: string | undefined): { message: string; details: StatusFailureDetails } {
  const { code, description } = parseErrorBody(bodyText);
  const retryAfter = parseRetryAfter(retryAfterHeader);
  return {
    message: `Partner Center answered ${status}${description ? `: ${description}` : ''}`,
    details: {
      kind: kindForStatus(status),
      status,
      ...(code !== undefined ? { partnerCenterCode: code } : {}),
      ...(description !== undefined ? { description } : {}),
      ...(retryAfter !== undefined ? { retryAfterSeconds: retryAfter } : {}),
    },
  };
}

export type StatusFailureDetails = Omit<UpstreamErrorDetails, 'requestId' | 'route'>;
