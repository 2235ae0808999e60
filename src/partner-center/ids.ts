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
