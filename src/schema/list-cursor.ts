import { z } from 'zod';
import { badUserInput } from '../errors.js';
import { sign, verify } from './signed-value.js';

/**
 * Cursors of the invoice connections: where to resume, bound to the list and the arguments it was opened
 * with (`binding`), signed with CURSOR_SECRET like `customerList` cursors (HMAC-SHA256 over a context of their
 * own, so one kind is never taken for another). A cursor of another list, another invoice or provider, or an
 * altered one is BAD_USER_INPUT before any upstream call.
 */
export type ListPosition =
  /** size/offset paging: the index of the next item. */
  | { readonly offset: number }
  /** Seek paging: the page fetched with `token` (null: the first page) of `size` items, `skip` of them handed out. */
  | { readonly size: number; readonly token: string | null; readonly skip: number }
  /** After the last item of the last page. */
  | { readonly end: true };

const CONTEXT = 'partner-graph list cursor v1\n';

const Position = z.union([
  z.object({ offset: z.number().int().min(0).max(1e9) }).strict(),
  z.object({ size: z.number().int().min(1).max(2000), token: z.string().min(1).max(8192).regex(/^[\x20-\x7e]+$/).nullable(), skip: z.number().int().min(0).max(2000) }).strict(),
  z.object({ end: z.literal(true) }).strict(),
]);
const Payload = z.object({ v: z.literal(1), list: z.string(), bind: z.string(), pos: Position }).strict();

export function encodeListCursor(secret: string, list: string, binding: string, position: ListPosition): string {
  return sign(secret, CONTEXT, { v: 1, list, bind: binding, pos: position });
}

/** The position, or BAD_USER_INPUT for a cursor this deployment did not issue for this very list. */
export function decodeListCursor(secret: string, list: string, binding: string, cursor: string): ListPosition {
  const payload = verified(secret, cursor);
  if (!payload) {
    throw badUserInput('after is not a cursor this gateway issued (altered, or from another deployment or before a restart).', { argument: 'after' });
  }
  if (payload.list !== list || payload.bind !== binding) {
    throw badUserInput('after is a cursor of another list (or of the same list with other arguments); pass the arguments the list was opened with.', { argument: 'after' });
  }
  return payload.pos;
}

function verified(secret: string, cursor: string): z.infer<typeof Payload> | undefined {
  const parsed = Payload.safeParse(verify(secret, CONTEXT, cursor));
  return parsed.success ? parsed.data : undefined;
}
