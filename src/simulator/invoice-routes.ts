/**
 * Invoices (get-a-collection-of-invoices, get-invoice-by-id, get-invoiceline-items, get-invoice-summaries,
 * get-invoice-unbilled-recon-lineitems, get-invoice-statement). Invoices and office/azure lines page with
 * size/offset; one-time lines and unbilled lines with continuation tokens (seekOperation=Next plus the
 * MS-ContinuationToken header of links.next).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { Faults, ok, standardBody, type Reply } from './errors.js';
import type { Exchange } from './http-io.js';
import type { SimulatorData } from './data.js';
import { createInvoiceBook, type InvoiceBook, type LineJson, type LineType, type Provider, type SimInvoice } from './invoices.js';
import { headerValue, type RouteContext } from './route-context.js';
import { sendStatement } from './statement-pdf.js';

/** A reply whose body is streamed by the simulator itself (the statement PDF). */
export interface StreamReply extends Reply {
  stream(ex: Exchange): Promise<void>;
}

export function isStreamReply(reply: Reply): reply is StreamReply {
  return typeof (reply as Partial<StreamReply>).stream === 'function';
}

const PROVIDERS: Record<string, Provider> = { office: 'office', azure: 'azure', onetime: 'onetime' };
const TYPES: Record<string, LineType> = { billinglineitems: 'billinglineitems', usagelineitems: 'usagelineitems' };
/** Default and largest page of seek-paged lines (the docs' default size). */
const SEEK_MAX = 2000;

const key = randomBytes(32);
const sign = (payload: string) => createHmac('sha256', key).update(payload).digest();

interface SeekState { list: string; partnerId: string; offset: number; size: number }

function encodeToken(state: SeekState): string {
  const payload = Buffer.from(JSON.stringify(state)).toString('base64url');
  return `${payload}.${sign(payload).toString('base64url')}`;
}

function decodeToken(token: string | undefined): SeekState | undefined {
  const [payload, signature, extra] = (token ?? '').trim().split('.');
  if (!payload || !signature || extra !== undefined) return undefined;
  const given = Buffer.from(signature, 'base64url');
  const expected = sign(payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as SeekState;
  } catch {
    return undefined;
  }
}

const notFound = (id: string): Reply => ({ status: 404, body: standardBody(1000, `Invoice ${id} not found.`) });
const link = (uri: string, headers: { key: string; value: string }[] = []) => ({ uri, method: 'GET', headers });

/** `size` and `offset`: absent is all / 0; anything but a non-negative integer is 400 800002. */
function sizeAndOffset(ctx: RouteContext, max: number): { size: number; offset: number } | Reply {
  const rawSize = ctx.query.get('size');
  const rawOffset = ctx.query.get('offset');
  const size = rawSize === null || rawSize === '' ? max : Number(rawSize);
  const offset = rawOffset === null || rawOffset === '' ? 0 : Number(rawOffset);
  if (!Number.isInteger(size) || size < 0 || !Number.isInteger(offset) || offset < 0) return Faults.invalidInput('Invalid size or offset');
  return { size: size === 0 ? max : Math.min(size, max), offset };
}

function offsetPage(items: readonly unknown[], page: { size: number; offset: number }, path: string, query: string): Reply {
  const slice = items.slice(page.offset, page.offset + page.size);
  const self = `${path}?${query}${query ? '&' : ''}size=${page.size}&offset=${page.offset}`;
  const nextOffset = page.offset + slice.length;
  const next = nextOffset < items.length ? link(`${path}?${query}${query ? '&' : ''}size=${page.size}&offset=${nextOffset}`) : undefined;
  return ok({ totalCount: slice.length, items: slice, links: { self: link(self), ...(next ? { next } : {}) }, attributes: { objectType: 'Collection' } });
}

/** A seek-paged list: the first page from `size`, later ones from the token named by seekOperation=Next. */
function seekPage(ctx: RouteContext, list: string, items: readonly LineJson[], path: string, query: string): Reply {
  const seek = ctx.query.get('seekOperation') ?? ctx.query.get('seekoperation');
  const token = headerValue(ctx.headers, 'ms-continuationtoken');
  let offset = 0;
  let size: number;
  if (seek !== null) {
    if (seek.toLowerCase() !== 'next') return Faults.invalidInput('Unsupported seekOperation');
    const state = decodeToken(token);
    if (!state || state.list !== list || state.partnerId !== ctx.partnerId) return Faults.invalidContinuationToken();
    offset = state.offset;
    size = state.size;
  } else {
    const page = sizeAndOffset(ctx, SEEK_MAX);
    if ('status' in page) return page;
    size = page.size;
  }
  const slice = items.slice(offset, offset + size);
  const nextOffset = offset + slice.length;
  const base = `${path}?${query}&size=${size}`;
  if (nextOffset >= items.length) {
    return ok({ totalCount: slice.length, items: slice, links: { self: link(base) }, attributes: { objectType: 'Collection' } });
  }
  const next = encodeToken({ list, partnerId: ctx.partnerId, offset: nextOffset, size });
  return ok({
    continuationToken: next, totalCount: slice.length, items: slice,
    links: { self: link(base), next: link(`${base}&seekOperation=Next`, [{ key: 'MS-ContinuationToken', value: next }]) },
    attributes: { objectType: 'Collection' },
  });
}

function lines(ctx: RouteContext, invoice: SimInvoice): Reply {
  const rawProvider = ctx.query.get('provider') ?? '';
  const rawType = ctx.query.get('invoicelineitemtype') ?? ctx.query.get('invoiceLineItemType') ?? '';
  const provider = PROVIDERS[rawProvider.toLowerCase()];
  if (!provider) return Faults.unparsableEnum(rawProvider);
  const type = TYPES[rawType.toLowerCase()];
  if (!type) return Faults.unparsableEnum(rawType);
  const items = invoice.lines(provider, type) ?? [];
  const path = `/invoices/${invoice.id}/lineitems`;
  const query = `provider=${provider}&invoicelineitemtype=${type}`;
  if (provider === 'onetime') return seekPage(ctx, `${invoice.id}/${provider}/${type}`, items, path, query);
  const page = sizeAndOffset(ctx, Number.MAX_SAFE_INTEGER);
  return 'status' in page ? page : offsetPage(items, page, path, query);
}

function unbilled(ctx: RouteContext, book: InvoiceBook): Reply {
  const provider = (ctx.query.get('provider') ?? '').toLowerCase();
  const type = (ctx.query.get('invoicelineitemtype') ?? ctx.query.get('invoiceLineItemType') ?? '').toLowerCase();
  const currency = ctx.query.get('currencycode') ?? ctx.query.get('currencyCode') ?? '';
  const period = (ctx.query.get('period') ?? '').toLowerCase();
  if (provider !== 'onetime') return Faults.unparsableEnum(provider);
  if (type !== 'billinglineitems') return Faults.unparsableEnum(type);
  if (!/^[A-Za-z]{3}$/.test(currency)) return Faults.invalidInput('Invalid currency code');
  if (period !== 'current' && period !== 'previous') return Faults.unparsableEnum(period);
  const items = book.unbilled(ctx.partnerId, currency, period);
  const query = `provider=onetime&invoicelineitemtype=billinglineitems&currencycode=${currency.toLowerCase()}&period=${period}`;
  return seekPage(ctx, `unbilled/${currency.toUpperCase()}/${period}`, items, '/invoices/unbilled/lineitems', query);
}

/** Balance per currency, with a detail per invoice type (get-invoice-summaries). */
function summaries(ctx: RouteContext, book: InvoiceBook): Reply {
  const byCurrency = new Map<string, SimInvoice[]>();
  for (const invoice of book.invoicesOf(ctx.partnerId)) {
    const currency = invoice.json.currencyCode as string;
    byCurrency.set(currency, [...(byCurrency.get(currency) ?? []), invoice]);
  }
  const summary = (invoices: SimInvoice[]) => {
    const cents = invoices.reduce((sum, i) => sum + Math.round(((i.json.totalCharges as number) - (i.json.paidAmount as number)) * 100), 0);
    const dates = invoices.map((i) => i.json.invoiceDate as string).sort();
    const paid = invoices.filter((i) => (i.json.paidAmount as number) > 0).map((i) => i.json).sort((a, b) => String(a.invoiceDate).localeCompare(String(b.invoiceDate)));
    const last = paid.at(-1);
    return {
      balanceAmount: cents / 100, currencyCode: invoices[0]!.json.currencyCode, currencySymbol: invoices[0]!.json.currencySymbol,
      accountingDate: dates.at(-1), firstInvoiceCreationDate: dates[0], lastPaymentDate: last?.invoiceDate ?? '0001-01-01T00:00:00',
      lastPaymentAmount: (last?.paidAmount as number | undefined) ?? 0, latestInvoiceDate: dates.at(-1),
    };
  };
  const items = [...byCurrency.values()].map((invoices) => {
    const types = [...new Set(invoices.map((i) => i.json.invoiceType as string))];
    return {
      ...summary(invoices),
      details: types.map((invoiceType) => ({
        invoiceType, summary: { ...summary(invoices.filter((i) => i.json.invoiceType === invoiceType)), attributes: { objectType: 'InvoiceSummary' } },
      })),
      links: { self: link('/invoices/summary') },
      attributes: { objectType: 'InvoiceSummary' },
    };
  });
  return ok({ totalCount: items.length, items, links: { self: link('/invoices/summaries') }, attributes: { objectType: 'Collection' } });
}

const books = new WeakMap<SimulatorData, InvoiceBook>();

/** The invoices of a simulated world, built once per data set. */
export function invoiceBook(data: SimulatorData): InvoiceBook {
  let book = books.get(data);
  if (!book) books.set(data, (book = createInvoiceBook(data)));
  return book;
}

export function invoiceRoute(ctx: RouteContext): Reply {
  const { route } = ctx;
  const book = invoiceBook(ctx.data);
  if (route.name === 'invoices') {
    const page = sizeAndOffset(ctx, Number.MAX_SAFE_INTEGER);
    return 'status' in page ? page : offsetPage(book.invoicesOf(ctx.partnerId).map((i) => i.json), page, '/invoices', '');
  }
  if (route.name === 'invoiceSummaries') return summaries(ctx, book);
  if (route.name === 'unbilledLines') return unbilled(ctx, book);
  const id = route.invoiceId ?? '';
  const invoice = book.find(ctx.partnerId, id);
  if (!invoice) return notFound(id);
  if (route.name === 'invoiceLines') return lines(ctx, invoice);
  if (route.name === 'invoiceStatement') {
    const reply: StreamReply = { status: 200, body: null, stream: (ex) => sendStatement(ex, invoice.id) };
    return reply;
  }
  return ok(invoice.json);
}
