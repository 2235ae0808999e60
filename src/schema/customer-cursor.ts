import { z } from 'zod';
import { sign, verify } from './signed-value.js';

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

export function encodeCursor(secret: string, position: CursorPosition): string {
  return sign(secret, CONTEXT, { v: 1, ...position });
}

/** The position, or undefined for anything this deployment did not issue unchanged. */
export function decodeCursor(secret: string, cursor: string): CursorPosition | undefined {
  const parsed = Position.safeParse(verify(secret, CONTEXT, cursor));
  if (!parsed.success) return undefined;
  const { v: _version, ...position } = parsed.data;
  return position;
}
