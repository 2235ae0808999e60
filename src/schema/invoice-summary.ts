import type { InvoiceSummaryDto } from '../partner-center/client/invoice-calls.js';
import { builder } from './builder.js';
import { DecimalScalar, readDecimal } from './decimal.js';
import { readUtcDateTime } from './invoice.js';
import { InvoiceTypeEnum, readInvoiceType } from './invoice-enums.js';

const text = (raw: unknown): string | null => (typeof raw === 'string' ? raw : null);
/** Partner Center writes `0001-01-01T00:00:00` for "never": null here. */
const date = (raw: unknown, field: string) => (typeof raw === 'string' && raw.startsWith('0001-01-01') ? null : readUtcDateTime(raw, field));

interface SummaryDetail {
  readonly invoiceType?: unknown;
  readonly summary?: InvoiceSummaryDto;
}

export const InvoiceSummaryType = builder.objectRef<InvoiceSummaryDto>('PartnerCenterInvoiceSummary');
const InvoiceSummaryDetailType = builder.objectRef<SummaryDetail>('PartnerCenterInvoiceSummaryDetail').implement({
  description: 'The balance of one invoice type within a currency.',
  fields: (t) => ({
    invoiceType: t.field({ type: InvoiceTypeEnum, description: 'Recurring or one-time.', resolve: (d) => readInvoiceType(d.invoiceType) }),
    summary: t.field({ type: InvoiceSummaryType, description: 'The balance of that type.', resolve: (d) => (d.summary && typeof d.summary === 'object' ? d.summary : null) }),
  }),
});

InvoiceSummaryType.implement({
  description: 'The partner\'s invoice balance in one currency. Fields are null when Partner Center left them out.',
  fields: (t) => ({
    balanceAmount: t.field({ type: DecimalScalar, description: 'Total of unpaid bills.', resolve: (s) => readDecimal(s.balanceAmount, 'balanceAmount') }),
    currencyCode: t.string({ description: 'ISO 4217 code of the amounts.', resolve: (s) => text(s.currencyCode) }),
    currencySymbol: t.string({ description: 'Symbol of the currency.', resolve: (s) => text(s.currencySymbol) }),
    accountingDate: t.field({ type: 'DateTime', description: 'When the balance was last updated.', resolve: (s) => date(s.accountingDate, 'accountingDate') }),
    firstInvoiceCreationDate: t.field({ type: 'DateTime', description: 'When the first invoice was created.', resolve: (s) => date(s.firstInvoiceCreationDate, 'firstInvoiceCreationDate') }),
    lastPaymentDate: t.field({ type: 'DateTime', description: 'Null when no payment was made.', resolve: (s) => date(s.lastPaymentDate, 'lastPaymentDate') }),
    lastPaymentAmount: t.field({ type: DecimalScalar, description: 'The last payment.', resolve: (s) => readDecimal(s.lastPaymentAmount, 'lastPaymentAmount') }),
    latestInvoiceDate: t.field({ type: 'DateTime', description: 'When the latest invoice was created.', resolve: (s) => date(s.latestInvoiceDate, 'latestInvoiceDate') }),
    details: t.field({
      type: [InvoiceSummaryDetailType],
      description: 'The balance per invoice type (recurring, one-time).',
      resolve: (s) => (Array.isArray(s.details) ? (s.details.filter((d) => d && typeof d === 'object') as SummaryDetail[]) : null),
    }),
  }),
});

builder.queryField('invoiceSummaries', (t) =>
  t.field({
    type: [InvoiceSummaryType],
    description: 'The partner\'s balance per currency. Null, with the error (e.g. UPSTREAM_ERROR, THROTTLED), when Partner Center cannot answer.',
    resolve: (_, __, ctx) => ctx.loaders.invoiceSummaries.load('all'),
  }),
);
