import { v1Path, type CallContext, type GetJson, type UpstreamPath, type UpstreamResponse } from '../transport/http.js';
import { expectCollection, expectItems, expectResource, invalid, isRecord } from './response-shapes.js';

/** An invoice as Partner Center sends it (invoice-resources.md); fields are read by the schema. */
export type InvoiceDto = { readonly id: string } & Readonly<Record<string, unknown>>;
export type InvoiceLineDto = Readonly<Record<string, unknown>>;
export type InvoiceSummaryDto = Readonly<Record<string, unknown>>;

export type BillingProvider = 'office' | 'azure' | 'onetime';
export type InvoiceLineItemType = 'billinglineitems' | 'usagelineitems';
export type UnbilledPeriod = 'current' | 'previous';

/**
 * A page of a paged list. Offset-paged lists (invoices, office and azure lines) say whether a next page
 * exists; seek-paged ones (one-time and unbilled lines) carry the continuation token of `links.next`.
 */
export interface Page<T> {
  readonly items: readonly T[];
  readonly hasNext: boolean;
  readonly continuationToken?: string;
}

/** Where a page starts: an offset (size/offset paging) or a continuation token (seek paging). */
export type PageStart = { readonly offset: number } | { readonly continuationToken: string };

export interface InvoiceLinesRequest {
  readonly invoiceId: string;
  readonly provider: BillingProvider;
  readonly lineItemType: InvoiceLineItemType;
  readonly size: number;
  readonly start: PageStart;
}

export interface UnbilledLinesRequest {
  readonly currencyCode: string;
  readonly period: UnbilledPeriod;
  readonly size: number;
  /** Absent for the first page. */
  readonly continuationToken?: string;
}

/** Partner-level invoice calls (get-a-collection-of-invoices and the pages beside it). */
export interface InvoiceCalls {
  /** GET /v1/invoices?size=&offset= */
  listInvoices(call: CallContext, size: number, offset: number): Promise<Page<InvoiceDto>>;
  /** GET /v1/invoices/{id} */
  getInvoice(call: CallContext, invoiceId: string): Promise<InvoiceDto>;
  /**
   * GET /v1/invoices/{id}/lineitems?provider=&invoicelineitemtype=&size= with `offset` (office, azure) or, for a
   * later one-time page, `seekOperation=Next` and the MS-ContinuationToken header.
   */
  listInvoiceLines(call: CallContext, request: InvoiceLinesRequest): Promise<Page<InvoiceLineDto>>;
  /** GET /v1/invoices/unbilled/lineitems?provider=onetime&invoicelineitemtype=billinglineitems&currencycode=&period=&size= */
  listUnbilledLines(call: CallContext, request: UnbilledLinesRequest): Promise<Page<InvoiceLineDto>>;
  /** GET /v1/invoices/summaries */
  getInvoiceSummaries(call: CallContext): Promise<InvoiceSummaryDto[]>;
}

/** Documented invoice ids are letters and digits (`D0400005UL`, `G000024135`, `1234000000`). */
const INVOICE_ID = /^(?=.*\d)[A-Za-z0-9]{6,20}$/;
export const isInvoiceId = (id: string): boolean => INVOICE_ID.test(id);
/** ISO 4217: three letters. */
export const isCurrencyCode = (code: string): boolean => /^[A-Za-z]{3}$/.test(code);

const MAX_SIZE = 2000;

export function invoiceCalls(getJson: GetJson): InvoiceCalls {
  return {
    async listInvoices(call, size, offset) {
      const target = v1Path('/invoices', {}, { size: String(checkSize(size)), offset: String(checkOffset(offset)) });
      const response = await getJson(call, target);
      return { items: expectCollection<InvoiceDto>(response, target, 'invoice'), hasNext: nextLink(response, target) !== undefined };
    },

    async getInvoice(call, invoiceId) {
      const target = v1Path('/invoices/{id}', { id: requireInvoiceId(invoiceId) });
      return expectResource<InvoiceDto>(await getJson(call, target), target, 'invoice');
    },

    async listInvoiceLines(call, { invoiceId, provider, lineItemType, size, start }) {
      const query: Record<string, string> = { provider, invoicelineitemtype: lineItemType, size: String(checkSize(size)) };
      let headers: Record<string, string> | undefined;
      if ('offset' in start) {
        if (provider === 'onetime' && start.offset !== 0) throw new TypeError('one-time lines page with continuation tokens');
        if (provider !== 'onetime') query.offset = String(checkOffset(start.offset));
      } else {
        if (provider !== 'onetime') throw new TypeError(`${provider} lines page with size and offset`);
        query.seekOperation = 'Next';
        headers = { 'ms-continuationtoken': start.continuationToken };
      }
      const path = v1Path('/invoices/{id}/lineitems', { id: requireInvoiceId(invoiceId) }, query);
      return linePage(await getJson(call, withHeaders(path, headers)), path);
    },

    async listUnbilledLines(call, { currencyCode, period, size, continuationToken }) {
      if (!isCurrencyCode(currencyCode)) throw new TypeError('currency code must be three letters');
      const query: Record<string, string> = {
        provider: 'onetime', invoicelineitemtype: 'billinglineitems', currencycode: currencyCode.toUpperCase(), period, size: String(checkSize(size)),
      };
      if (continuationToken !== undefined) query.seekOperation = 'Next';
      const path = v1Path('/invoices/unbilled/lineitems', {}, query);
      const headers = continuationToken === undefined ? undefined : { 'ms-continuationtoken': continuationToken };
      return linePage(await getJson(call, withHeaders(path, headers)), path);
    },

    async getInvoiceSummaries(call) {
      const target = v1Path('/invoices/summaries', {});
      return expectItems<InvoiceSummaryDto>(await getJson(call, target), target, 'invoice summary');
    },
  };
}

function withHeaders(path: UpstreamPath, headers: Record<string, string> | undefined): UpstreamPath {
  return headers ? { ...path, headers } : path;
}

function linePage(response: UpstreamResponse, target: UpstreamPath): Page<InvoiceLineDto> {
  const items = expectItems<InvoiceLineDto>(response, target, 'invoice line item');
  const next = nextLink(response, target);
  if (next === undefined) return { items, hasNext: false };
  const token = continuationToken(next, response.body as Record<string, unknown>);
  return token === undefined ? { items, hasNext: true } : { items, hasNext: true, continuationToken: token };
}

/** `links.next` when present; a next link that is not a GET breaks the contract. */
function nextLink(response: UpstreamResponse, target: UpstreamPath): Record<string, unknown> | undefined {
  const links = (response.body as Record<string, unknown>).links;
  const next = isRecord(links) ? links.next : undefined;
  if (next === undefined || next === null) return undefined;
  if (!isRecord(next) || (next.method !== undefined && String(next.method).toUpperCase() !== 'GET')) throw invalid(response, target, 'next link');
  return next;
}

/** The MS-ContinuationToken of `links.next.headers`, else the collection's `continuationToken`. */
function continuationToken(next: Record<string, unknown>, body: Record<string, unknown>): string | undefined {
  const headers = Array.isArray(next.headers) ? next.headers : [];
  for (const header of headers) {
    if (isRecord(header) && typeof header.key === 'string' && header.key.toLowerCase() === 'ms-continuationtoken' && typeof header.value === 'string') {
      return validToken(header.value);
    }
  }
  return typeof body.continuationToken === 'string' ? validToken(body.continuationToken) : undefined;
}

/** A token is sent back as a header: printable ASCII only, and of sane length. */
function validToken(token: string): string | undefined {
  return token !== '' && token.length <= 8192 && /^[\x20-\x7e]+$/.test(token) ? token : undefined;
}

function checkSize(size: number): number {
  if (!Number.isSafeInteger(size) || size < 1 || size > MAX_SIZE) throw new TypeError(`page size must be 1 to ${MAX_SIZE}`);
  return size;
}

function checkOffset(offset: number): number {
  if (!Number.isSafeInteger(offset) || offset < 0) throw new TypeError('offset must be a non-negative integer');
  return offset;
}

// Callers validate first and answer BAD_USER_INPUT; reaching this with a bad id is a programming error.
function requireInvoiceId(id: string): string {
  if (!isInvoiceId(id)) throw new TypeError('invoice id is not letters and digits');
  return id;
}
