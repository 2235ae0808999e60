/** GET /v1/customers (seek-based paging, API-FACTS 0.4 and 5) and GET /v1/customers/{id}. */
import type { CustomerFilter, PageState } from './continuation.js';
import { customerListItem } from './customers.js';
import type { CustomerRecord } from './data.js';
import { Faults, ok, type Reply } from './errors.js';
import { headerValue, type RouteContext } from './route-context.js';
import { link } from './wire.js';

/** The service's default and maximum page size is 200 per docs; larger explicit sizes up to 1000 are accepted. */
const DEFAULT_SIZE = 200;
const MAX_SIZE = 1000;

export function getCustomer(record: CustomerRecord): Reply {
  return ok(record.customer);
}

function parseSize(raw: string | null): number | undefined {
  if (raw === null || raw === '' || raw === '0') return DEFAULT_SIZE;
  if (!/^\d+$/.test(raw)) return undefined;
  const size = Number(raw);
  return size >= 1 && size <= MAX_SIZE ? size : undefined;
}

/** `filter` is URL-encoded JSON: {"Field":"CompanyName","Value":"co","Operator":"starts_with"}. */
function parseFilter(raw: string | null): CustomerFilter | undefined | 'invalid' {
  if (raw === null || raw === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return 'invalid';
  }
  if (typeof parsed !== 'object' || parsed === null) return 'invalid';
  const { Field, Value, Operator } = parsed as Record<string, unknown>;
  if (typeof Field !== 'string' || typeof Value !== 'string' || typeof Operator !== 'string') return 'invalid';
  if (Operator.toLowerCase() !== 'starts_with') return 'invalid';
  const field = Field.toLowerCase() === 'companyname' ? 'CompanyName' : Field.toLowerCase() === 'domain' ? 'Domain' : undefined;
  return field ? { field, value: Value } : 'invalid';
}

function matchesFilter(record: CustomerRecord, filter: CustomerFilter | undefined): boolean {
  if (!filter) return true;
  const profile = record.customer.companyProfile;
  const text = filter.field === 'CompanyName' ? profile.companyName : profile.domain;
  return text.toLowerCase().startsWith(filter.value.toLowerCase());
}

/** First page from the query, later pages from the MS-ContinuationToken header; a Reply on bad input. */
function pageState(ctx: RouteContext): PageState | Reply {
  const token = headerValue(ctx.headers, 'ms-continuationtoken');
  const seek = ctx.query.get('seekOperation');
  if (seek !== null && seek.toLowerCase() !== 'next') return Faults.invalidInput(`Unsupported seekOperation: ${seek}`);
  const sizeParam = ctx.query.get('size');
  const size = parseSize(sizeParam);
  if (size === undefined) return Faults.invalidInput(`Invalid page size: ${sizeParam ?? ''}`);
  if (seek === null && token === undefined) {
    const filter = parseFilter(ctx.query.get('filter'));
    if (filter === 'invalid') return Faults.invalidInput('Invalid filter');
    return { partnerId: ctx.partnerId, offset: 0, size, ...(filter ? { filter } : {}) };
  }
  const state = token === undefined ? undefined : ctx.tokens.decode(token);
  if (!state || state.partnerId !== ctx.partnerId) return Faults.invalidContinuationToken();
  // The next link repeats size; a hand-built seek call may leave it out, then the token's size applies.
  return sizeParam === null ? state : { ...state, size };
}

export function listCustomers(ctx: RouteContext): Reply {
  const state = pageState(ctx);
  if ('status' in state) return state;
  const all = ctx.data.customersOf(ctx.partnerId).filter((r) => matchesFilter(r, state.filter));
  const page = all.slice(state.offset, state.offset + state.size);
  const nextOffset = state.offset + page.length;
  const token = nextOffset < all.length ? ctx.tokens.encode({ ...state, offset: nextOffset }) : undefined;
  const next = token === undefined ? {} : {
    next: link(`/customers?size=${state.size}&seekOperation=Next`, 'GET', [{ key: 'MS-ContinuationToken', value: token }]),
  };
  return ok({
    totalCount: page.length,
    items: page.map((r) => customerListItem(r.customer)),
    links: { self: link(`/customers?size=${state.size}`), ...next },
    ...(token === undefined ? {} : { continuationToken: token }),
    attributes: { objectType: 'Collection' },
  });
}
