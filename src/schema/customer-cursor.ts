import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * `customerList` cursors: where to resume in a seek-paged customer list. Opaque to clients, and
 * tamper-evident: base64url(JSON) plus an HMAC-SHA256 under CURSOR_SECRET, so a cursor that was altered,
 * made up or signed by another deployment is refused before any upstream call. Not encrypted: it holds
 * nothing the caller could not read from Partner Center with their own token.
 */
export interface CursorPosition {
  /** Page size of the list's first call; Partner Center's `links.next` keeps it for later pages. */
  readonly size: number;
  /** The `companyNameStartsWith` the list was opened with: the continuation token is bound to it. */
  readonly filter: string | null;
  /** The page to read: null for the first one (from size and filter), a `links.next`, or 'end' after the last. */
  readonly page: null | 'end' | { readonly uri: string; readonly headers: readonly { key: string; value: string }[] };
  /** Customers of that page already handed out (a cursor in the middle of a page). */
  readonly skip: number;
}

export const MAX_PAGE_SIZE = 100;
export const MAX_FILTER_LENGTH = 100;
const MAX_CURSOR_LENGTH = 16 * 1024;
// Binds the MAC to this use, so a value signed with the same secret for another purpose is no cursor.
const CONTEXT = 'partner-graph customerList cursor v1\n';

const Position = z
  .object({
    v: z.literal(1),
    size: z.number().int().min(1).max(MAX_PAGE_SIZE),
    filter: z.string().min(1).max(MAX_FILTER_LENGTH).nullable(),
    page: z.union([
      z.null(),
      z.literal('end'),
      z.object({ uri: z.string().max(4096), headers: z.array(z.object({ key: z.string(), value: z.string() }).strict()).max(16) }).strict(),
    ]),
    skip: z.number().int().min(0).max(1000),
  })
  .strict();

const mac = (secret: string, payload: string) => createHmac('sha256', secret).update(CONTEXT + payload).digest();

export function encodeCursor(secret: string, position: CursorPosition): string {
  const payload = Buffer.from(JSON.stringify({ v: 1, ...position })).toString('base64url');
  return `${payload}.${mac(secret, payload).toString('base64url')}`;
}

/** The position, or undefined for anything this deployment did not issue unchanged. */
export function decodeCursor(secret: string, cursor: string): CursorPosition | undefined {
  if (cursor.length > MAX_CURSOR_LENGTH) return undefined;
  const [payload, signature, extra] = cursor.split('.');
  if (!payload || !signature || extra !== undefined) return undefined;
  const given = Buffer.from(signature, 'base64url');
  const expected = mac(secret, payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    const { v: _version, ...position } = Position.parse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
    return position;
  } catch {
    return undefined;
  }
}
