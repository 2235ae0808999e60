/**
 * Identifier rules. Ids are checked here before they get near a URL, and then path-encoded anyway
 * (see http.ts), so a hostile id can neither change the path nor reach another resource.
 */

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A Partner Center tenant id: a GUID. */
export function isGuid(value: string): boolean {
  return GUID.test(value);
}

/** Canonical form for cache keys, so `ABC…` and `abc…` are one resource. */
export function normalizeGuid(value: string): string {
  return value.toLowerCase();
}

/**
 * An order id: a GUID (legacy), a 33-character base64url-like id (one-time) or 12 hex digits (new
 * commerce). One safe pattern covers all three and can never carry a path separator or query.
 */
const ORDER_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function isOrderId(value: string): boolean {
  return ORDER_ID.test(value);
}
