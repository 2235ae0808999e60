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

/**
 * Catalog ids: product ids are 12 upper-case alphanumerics (`CFQ7TTC0LH18`), SKU ids 4 (`0001`). The
 * pattern allows any short alphanumeric id, so a future length works and no id can carry `/`, `?` or `%`.
 */
const CATALOG_ID = /^[A-Za-z0-9]{1,32}$/;

export function isCatalogId(value: string): boolean {
  return CATALOG_ID.test(value);
}

/** Catalog ids are upper-case upstream and matched case-insensitively (cache keys, list look-ups). */
export function normalizeCatalogId(value: string): string {
  return value.toUpperCase();
}

const COUNTRY = /^[A-Za-z]{2}$/;

/** An ISO 3166-1 alpha-2 country code in either case, as the catalog's `country` parameter takes it. */
export function isCountryCode(value: string): boolean {
  return COUNTRY.test(value);
}

/** For the client: callers validate and answer BAD_USER_INPUT first, so a bad id here is a programming error. */
export function requireId(value: string, valid: (value: string) => boolean, what: string): string {
  if (!valid(value)) throw new TypeError(`${what} has characters it may not have`);
  return value;
}
