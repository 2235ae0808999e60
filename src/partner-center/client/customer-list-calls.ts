import { v1Path, type CallContext, type GetJson, type UpstreamPath, type UpstreamResponse } from '../transport/http.js';
import { linkPath, type FollowedLink } from './link-path.js';
import { isGuid, normalizeGuid } from './ids.js';
import { expectCollection, invalid, isRecord } from './response-shapes.js';
import type { CustomerDto, CustomerPage } from './types.js';

/** GET /v1/customers: seek-based paging with continuation tokens (API-FACTS 0.4 and 5). */
export interface CustomerListCalls {
  /** The first page: GET /v1/customers?size=N[&filter=<CompanyName starts_with JSON>]. */
  listCustomers(call: CallContext, request: FirstCustomerPage): Promise<CustomerPage>;
  /** A later page: GET a previous page's `links.next.uri` with every header of `links.next.headers`. */
  nextCustomers(call: CallContext, next: FollowedLink): Promise<CustomerPage>;
}

export interface FirstCustomerPage {
  readonly size: number;
  readonly companyNameStartsWith?: string;
}

const ROUTE = '/v1/customers';

/** Whether a `links.next` may be followed: it stays on GET /v1/customers and sends only harmless headers. */
export function isFollowableCustomerLink(next: FollowedLink): boolean {
  try {
    linkPath(next, ROUTE);
    return true;
  } catch {
    return false;
  }
}

export function customerListCalls(getJson: GetJson): CustomerListCalls {
  return {
    async listCustomers(call, { size, companyNameStartsWith }) {
      if (!Number.isSafeInteger(size) || size < 1) throw new TypeError('page size must be a positive integer');
      const query: Record<string, string> = { size: String(size) };
      if (companyNameStartsWith !== undefined) {
        // Partner Center's filter is URL-encoded JSON; the transport does the encoding.
        query.filter = JSON.stringify({ Field: 'CompanyName', Value: companyNameStartsWith, Operator: 'starts_with' });
      }
      const target = v1Path('/customers', {}, query);
      return parsePage(await getJson(call, target), target);
    },

    async nextCustomers(call, next) {
      const target = linkPath(next, ROUTE);
      return parsePage(await getJson(call, target), target);
    },
  };
}

function parsePage(response: UpstreamResponse, target: UpstreamPath): CustomerPage {
  const items = expectCollection<CustomerDto>(response, target, 'customer').map((item) => {
    // Every list item becomes a Customer whose id later goes into URLs: it must be a tenant GUID.
    if (!isGuid(item.id)) throw invalid(response, target, 'customer id in the list');
    return { ...item, id: normalizeGuid(item.id) };
  });
  const links = (response.body as Record<string, unknown>).links;
  const next = isRecord(links) ? links.next : undefined;
  if (next === undefined || next === null) return { items };
  if (!isRecord(next) || (next.method !== undefined && String(next.method).toUpperCase() !== 'GET')) {
    throw invalid(response, target, 'next link');
  }
  const link = { uri: next.uri as string, headers: (next.headers ?? []) as { key: string; value: string }[] };
  // A page whose continuation cannot be followed safely is an upstream contract failure, not a last page.
  if (!isFollowableCustomerLink(link)) throw invalid(response, target, 'next link');
  return { items, next: { uri: link.uri, headers: link.headers.map(({ key, value }) => ({ key, value })) } };
}
