import type { Page } from '../partner-center/client/invoice-calls.js';
import { badUserInput } from '../errors.js';
import { decodeListCursor, encodeListCursor, type ListPosition } from './list-cursor.js';

export interface Edge<T> {
  readonly cursor: string;
  readonly node: T;
}

export interface Connection<T> {
  readonly edges: readonly Edge<T>[];
  readonly pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

export interface PagingRequest {
  readonly secret: string;
  /** Which list, and the arguments it was opened with: a cursor is good for this pair only. */
  readonly list: string;
  readonly binding: string;
  readonly first: number | null | undefined;
  readonly after: string | null | undefined;
  readonly defaultFirst: number;
  readonly maxFirst: number;
}

/** `first` in range, or BAD_USER_INPUT before any call. */
export function checkFirst(request: PagingRequest): number {
  const first = request.first ?? request.defaultFirst;
  if (!Number.isInteger(first) || first < 1 || first > request.maxFirst) {
    throw badUserInput(`first must be between 1 and ${request.maxFirst}.`, { argument: 'first', min: 1, max: request.maxFirst });
  }
  return first;
}

function position(request: PagingRequest, initial: ListPosition): ListPosition {
  return request.after == null ? initial : decodeListCursor(request.secret, request.list, request.binding, request.after);
}

function connection<T>(request: PagingRequest, edges: Edge<T>[], hasNextPage: boolean): Connection<T> {
  return {
    edges,
    pageInfo: { hasNextPage, hasPreviousPage: request.after != null, startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null },
  };
}

/** A size/offset-paged list: each page is one upstream call of `size=first&offset=<cursor's offset>`. */
export async function offsetConnection<T>(request: PagingRequest, fetch: (size: number, offset: number) => Promise<Page<T>>): Promise<Connection<T>> {
  const first = checkFirst(request);
  const at = position(request, { offset: 0 });
  if ('end' in at) return connection(request, [], false);
  if (!('offset' in at)) throw badUserInput('after is a cursor of another list.', { argument: 'after' });
  const page = await fetch(first, at.offset);
  const taken = page.items.slice(0, first);
  const hasNext = page.hasNext || page.items.length > first;
  const edges = taken.map((node, index) => {
    const last = index === taken.length - 1 && !hasNext;
    return { node, cursor: encodeListCursor(request.secret, request.list, request.binding, last ? { end: true } : { offset: at.offset + index + 1 }) };
  });
  return connection(request, edges, hasNext);
}

/**
 * A seek-paged list: each GraphQL page is one upstream page (the first from `size=first`, later ones from the
 * continuation token), so a page of thousands of lines is read once and never walked further than asked.
 * A cursor in the middle of an upstream page re-reads that page and skips what was handed out.
 */
export async function seekConnection<T>(request: PagingRequest, fetch: (size: number, token: string | null) => Promise<Page<T>>): Promise<Connection<T>> {
  const first = checkFirst(request);
  const at = position(request, { size: first, token: null, skip: 0 });
  if ('end' in at) return connection(request, [], false);
  if (!('size' in at)) throw badUserInput('after is a cursor of another list.', { argument: 'after' });
  const page = await fetch(at.size, at.token);
  const taken = page.items.slice(at.skip, at.skip + first);
  const next = page.hasNext ? page.continuationToken : undefined;
  const edges = taken.map((node, index) => {
    const consumed = at.skip + index + 1;
    const after: ListPosition =
      consumed < page.items.length ? { size: at.size, token: at.token, skip: consumed } : next !== undefined ? { size: at.size, token: next, skip: 0 } : { end: true };
    return { node, cursor: encodeListCursor(request.secret, request.list, request.binding, after) };
  });
  return connection(request, edges, at.skip + taken.length < page.items.length || next !== undefined);
}
