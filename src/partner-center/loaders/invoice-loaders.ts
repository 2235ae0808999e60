import DataLoader from 'dataloader';
import type { Limit } from '../../concurrency/limiter.js';
import { asError } from './batch-error.js';
import type { PartnerCenterClient } from '../client/client.js';
import type { CallContext } from '../transport/http.js';
import type { InvoiceDto, InvoiceLineDto, InvoiceLinesRequest, InvoiceSummaryDto, Page, UnbilledLinesRequest } from '../client/invoice-calls.js';

export interface InvoicePageKey {
  readonly size: number;
  readonly offset: number;
}

export interface InvoiceLoaders {
  /** GET /v1/invoices pages; the same page asked twice in a request is fetched once. */
  readonly invoicePage: DataLoader<InvoicePageKey, Page<InvoiceDto>, string>;
  /** GET /v1/invoices/{id}, keyed case-insensitively. */
  readonly invoice: DataLoader<string, InvoiceDto, string>;
  /** One page of an invoice's lines. */
  readonly invoiceLines: DataLoader<InvoiceLinesRequest, Page<InvoiceLineDto>, string>;
  /** One page of unbilled one-time lines. */
  readonly unbilledLines: DataLoader<UnbilledLinesRequest, Page<InvoiceLineDto>, string>;
  /** GET /v1/invoices/summaries, once per request. */
  readonly invoiceSummaries: DataLoader<'all', InvoiceSummaryDto[], string>;
}

/** The invoice loaders of one request: partner-level, so keyed by their arguments only (the call carries the caller). */
export function createInvoiceLoaders(client: PartnerCenterClient, call: CallContext, limit: Limit): InvoiceLoaders {
  const each = <K, V>(load: (key: K) => Promise<V>) => (keys: readonly K[]) =>
    Promise.all(keys.map((key) => limit(() => load(key)).catch(asError)));
  return {
    invoicePage: new DataLoader(each((key: InvoicePageKey) => client.listInvoices(call, key.size, key.offset)), { cacheKeyFn: (k) => `${k.size}|${k.offset}` }),
    invoice: new DataLoader(each((id: string) => client.getInvoice(call, id)), { cacheKeyFn: (id) => id.toUpperCase() }),
    invoiceLines: new DataLoader(each((key: InvoiceLinesRequest) => client.listInvoiceLines(call, key)), { cacheKeyFn: (k) => JSON.stringify(k) }),
    unbilledLines: new DataLoader(each((key: UnbilledLinesRequest) => client.listUnbilledLines(call, key)), { cacheKeyFn: (k) => JSON.stringify(k) }),
    invoiceSummaries: new DataLoader(each(() => client.getInvoiceSummaries(call)), { cacheKeyFn: (k) => k }),
  };
}
