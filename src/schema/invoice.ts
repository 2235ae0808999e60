import type { Context } from '../app/context.js';
import { badUserInput } from '../errors.js';
import { isInvoiceId, type InvoiceDto } from '../partner-center/client/invoice-calls.js';
import { builder } from './builder.js';
import { slicedList } from './published-cost.js';
import { PageInfoType } from './customer-list.js';
import { readDateTime } from './date-time.js';
import { DecimalScalar, readDecimal } from './decimal.js';
import {
  BillingProviderEnum, InvoiceDocumentTypeEnum, InvoiceLineItemTypeEnum, InvoiceTypeEnum, readBillingProvider, readDocumentType,
  readInvoiceType, readLineItemType,
} from './invoice-enums.js';
import { offsetConnection, type Connection, type Edge } from './list-paging.js';

/** Some invoice dates come without an offset (`2018-03-16T00:00:00`); the docs say they are UTC. */
export function readUtcDateTime(raw: unknown, field: string): string | null {
  const value = typeof raw === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?$/.test(raw.trim()) ? `${raw.trim()}Z` : raw;
  return readDateTime(value, field);
}

const text = (raw: unknown): string | null => (typeof raw === 'string' ? raw : typeof raw === 'number' ? String(raw) : null);

/** An invoice id argument: letters and digits, checked before any call. */
export function checkInvoiceId(id: string, argument = 'id'): string {
  if (!isInvoiceId(id)) throw badUserInput('An invoice id is 6 to 20 letters and digits, e.g. D0400005UL.', { argument });
  return id;
}

interface InvoiceDetail {
  readonly invoiceLineItemType?: unknown;
  readonly billingProvider?: unknown;
}

export const InvoiceDetailType = builder.objectRef<InvoiceDetail>('PartnerCenterInvoiceDetail').implement({
  description: 'One kind of line on an invoice: pass its `billingProvider` and `invoiceLineItemType` to `Invoice.lineItems`.',
  fields: (t) => ({
    billingProvider: t.field({ type: BillingProviderEnum, description: 'Who bills these lines.', resolve: (d) => readBillingProvider(d.billingProvider) }),
    invoiceLineItemType: t.field({ type: InvoiceLineItemTypeEnum, description: 'Billing or usage lines.', resolve: (d) => readLineItemType(d.invoiceLineItemType) }),
  }),
});

export const InvoiceType = builder.objectRef<InvoiceDto>('PartnerCenterInvoice');
InvoiceType.implement({
  description: 'A partner invoice (or credit note). Amounts are exact decimals in `currencyCode`; fields are null when Partner Center left them out. Its fields come with the invoice, except `lineItems` (Partner Center calls per page; see docs/cost-model.md).',
  fields: (t) => ({
    id: t.id({ nullable: false, description: 'The invoice id, e.g. `D0400005UL`.', resolve: (i) => i.id }),
    invoiceDate: t.field({ type: 'DateTime', description: 'When the invoice was generated (UTC).', resolve: (i) => readUtcDateTime(i.invoiceDate, 'invoiceDate') }),
    billingPeriodStartDate: t.field({ type: 'DateTime', description: 'Start of the billing period (UTC).', resolve: (i) => readUtcDateTime(i.billingPeriodStartDate, 'billingPeriodStartDate') }),
    billingPeriodEndDate: t.field({ type: 'DateTime', description: 'End of the billing period (UTC).', resolve: (i) => readUtcDateTime(i.billingPeriodEndDate, 'billingPeriodEndDate') }),
    totalCharges: t.field({ type: DecimalScalar, description: 'Total charges, adjustments included.', resolve: (i) => readDecimal(i.totalCharges, 'totalCharges') }),
    paidAmount: t.field({ type: DecimalScalar, description: 'Amount paid by the partner, as Partner Center reports it.', resolve: (i) => readDecimal(i.paidAmount, 'paidAmount') }),
    currencyCode: t.string({ description: 'ISO 4217 code of every amount of the invoice.', resolve: (i) => text(i.currencyCode) }),
    currencySymbol: t.string({ description: 'Symbol of the currency, e.g. `$`.', resolve: (i) => text(i.currencySymbol) }),
    pdfDownloadLink: t.string({
      description: 'Partner Center\'s own statement link (relative, needs a Partner Center token). Browsers should use `statementUrl`.',
      resolve: (i) => text(i.pdfDownloadLink),
    }),
    statementUrl: t.string({
      nullable: false,
      description: 'This gateway\'s path for the statement PDF, `/invoices/{id}/statement.pdf`: GET it with the same Authorization header (streamed, no GraphQL).',
      resolve: (i) => `/invoices/${encodeURIComponent(i.id)}/statement.pdf`,
    }),
    invoiceType: t.field({ type: InvoiceTypeEnum, description: 'Recurring or one-time.', resolve: (i) => readInvoiceType(i.invoiceType) }),
    documentType: t.field({ type: InvoiceDocumentTypeEnum, description: 'Invoice, credit note, void or adjustment note.', resolve: (i) => readDocumentType(i.documentType) }),
    amendsOf: t.string({ description: 'For an amendment: the id of the document it amends.', resolve: (i) => text(i.amendsOf) }),
    amendments: t.field({
      type: [InvoiceType],
      description: 'Amendments of this invoice (credit notes, adjustments).',
      resolve: (i) => (Array.isArray(i.amendments) ? (i.amendments.filter((a) => a && typeof a === 'object' && typeof (a as InvoiceDto).id === 'string') as InvoiceDto[]) : null),
    }),
    invoiceDetails: t.field({
      type: [InvoiceDetailType],
      nullable: false,
      description: 'The kinds of lines the invoice has.',
      resolve: (i) => (Array.isArray(i.invoiceDetails) ? (i.invoiceDetails.filter((d) => d && typeof d === 'object') as InvoiceDetail[]) : []),
    }),
  }),
});

const DEFAULT_FIRST = 20;
export const MAX_INVOICES = 200;

const InvoiceEdgeType = builder.objectRef<Edge<InvoiceDto>>('PartnerCenterInvoiceEdge').implement({
  description: 'An invoice in an `invoices` page, with the cursor to continue after it.',
  fields: (t) => ({
    cursor: t.exposeString('cursor', { nullable: false, description: 'Signed position after this invoice; pass it as `after`.' }),
    node: t.field({ type: InvoiceType, nullable: false, description: 'The invoice.', resolve: (e) => e.node }),
  }),
});

const InvoiceConnectionType = builder.objectRef<Connection<InvoiceDto>>('PartnerCenterInvoiceConnection').implement({
  description: 'A page of the partner\'s invoices (a Relay connection). Each page costs one Partner Center call.',
  fields: (t) => ({
    edges: t.field({ type: [InvoiceEdgeType], nullable: false, complexity: { field: 1, multiplier: 1 }, description: 'The invoices of this page, newest first.', resolve: (c) => c.edges }),
    pageInfo: t.field({ type: PageInfoType, nullable: false, description: 'Whether more invoices follow, and the cursor to get them.', resolve: (c) => c.pageInfo }),
  }),
});

builder.queryField('invoices', (t) =>
  t.field({
    type: InvoiceConnectionType,
    complexity: slicedList({ field: 2, argument: 'first', fallback: DEFAULT_FIRST, max: MAX_INVOICES, sizedFields: ['edges'] }),
    description:
      'The partner\'s invoices, newest first, a page at a time. Null, with the error (e.g. UPSTREAM_ERROR, THROTTLED), when Partner Center cannot answer; a bad `first` or a cursor of another list is BAD_USER_INPUT.',
    args: {
      first: t.arg.int({ description: `Invoices per page, 1 to ${MAX_INVOICES}; default ${DEFAULT_FIRST}. Anything else is BAD_USER_INPUT.` }),
      after: t.arg.string({ description: 'Continue after this cursor (`pageInfo.endCursor`).' }),
    },
    resolve: (_, args, ctx) =>
      offsetConnection(
        { secret: ctx.config.cursors.secret, list: 'invoices', binding: '', first: args.first, after: args.after, defaultFirst: DEFAULT_FIRST, maxFirst: MAX_INVOICES },
        (size, offset) => ctx.loaders.invoicePage.load({ size, offset }),
      ),
  }),
);

builder.queryField('invoice', (t) =>
  t.field({
    type: InvoiceType,
    description: 'One invoice by id. Null with BAD_USER_INPUT when the id is malformed, NOT_FOUND when there is no such invoice.',
    args: { id: t.arg.id({ required: true, description: 'Invoice id: 6 to 20 letters and digits, e.g. `D0400005UL`.' }) },
    resolve: (_, args, ctx: Context) => ctx.loaders.invoice.load(checkInvoiceId(String(args.id))),
  }),
);
