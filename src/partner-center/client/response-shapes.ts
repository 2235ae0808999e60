import type { UpstreamPath, UpstreamResponse } from '../transport/http.js';
import { rejectSuccessFault } from './success-faults.js';
import { UpstreamError } from '../transport/upstream-error.js';

/**
 * The client's shape checks. A body that breaks the contract becomes an `invalid-response` UpstreamError
 * (UPSTREAM_ERROR for the client) here, so no resolver ever meets a half-shaped resource.
 */

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function invalid(response: UpstreamResponse, target: UpstreamPath, what: string): UpstreamError {
  return new UpstreamError(`Partner Center sent an unexpected ${what}`, {
    kind: 'invalid-response',
    status: response.status,
    requestId: response.requestId,
    route: target.route,
  });
}

/** A single resource must be an object with a string id. */
export function expectResource<T extends { id: string }>(response: UpstreamResponse, target: UpstreamPath, what: string): T {
  rejectSuccessFault(response, target);
  const { body } = response;
  if (!isRecord(body) || typeof body.id !== 'string' || body.id === '') throw invalid(response, target, `${what} body`);
  return body as unknown as T;
}

/** A ResourceCollection must have an `items` array of objects; anything else breaks the contract. */
export function expectItems<T>(response: UpstreamResponse, target: UpstreamPath, what: string): T[] {
  rejectSuccessFault(response, target);
  const { body } = response;
  if (!isRecord(body) || !Array.isArray(body.items)) throw invalid(response, target, `${what} collection`);
  for (const item of body.items) if (!isRecord(item)) throw invalid(response, target, `${what} in a collection`);
  return body.items as T[];
}

/** A collection of resources, each with a string id. */
export function expectCollection<T extends { id: string }>(response: UpstreamResponse, target: UpstreamPath, what: string): T[] {
  const items = expectItems<Record<string, unknown>>(response, target, what);
  for (const item of items) {
    if (typeof item.id !== 'string' || item.id === '') throw invalid(response, target, `${what} in a collection`);
  }
  return items as unknown as T[];
}
