import { builder } from './builder.js';

/**
 * The invoice enums, with the wire spellings they are read from. Partner Center spells them several ways
 * (`one_time`, `OneTime`, `onetime`; `Credit Note`, `credit_note`), so values are compared with case,
 * spaces and underscores removed; anything else is UNKNOWN rather than an error.
 */
const squash = (raw: unknown) => (typeof raw === 'string' ? raw.replace(/[\s_-]/g, '').toLowerCase() : '');

function reader<T extends string>(values: Record<string, T>, fallback: T) {
  return (raw: unknown): T | null => (raw === undefined || raw === null ? null : (values[squash(raw)] ?? fallback));
}

export type BillingProviderValue = 'office' | 'azure' | 'onetime' | 'azure_data_market' | 'none' | 'unknown';
export const BillingProviderEnum = builder.enumType('PartnerCenterBillingProvider', {
  description: 'Who bills an invoice detail or line.',
  values: {
    OFFICE: { value: 'office', description: 'Office and other licence-based (legacy) subscriptions: `office`.' },
    AZURE: { value: 'azure', description: 'Azure (MS-AZR-0145P) usage: `azure`.' },
    ONE_TIME: { value: 'onetime', description: 'New commerce, reservations, software, Azure plan and marketplace: `one_time` (query `onetime`).' },
    AZURE_DATA_MARKET: { value: 'azure_data_market', description: 'Azure Data Market (`azure_data_market`); no lines can be listed for it.' },
    NONE: { value: 'none', description: 'No provider (`none`).' },
    UNKNOWN: { value: 'unknown', description: 'A provider this gateway does not recognise.' },
  } as const,
});
export const readBillingProvider = reader<BillingProviderValue>(
  { office: 'office', azure: 'azure', onetime: 'onetime', azuredatamarket: 'azure_data_market', none: 'none' },
  'unknown',
);

export type LineItemTypeValue = 'billinglineitems' | 'usagelineitems' | 'none' | 'unknown';
export const InvoiceLineItemTypeEnum = builder.enumType('PartnerCenterInvoiceLineItemType', {
  description: 'Which lines of an invoice detail.',
  values: {
    BILLING_LINE_ITEMS: { value: 'billinglineitems', description: 'Charges (`billing_line_items`).' },
    USAGE_LINE_ITEMS: { value: 'usagelineitems', description: 'Daily rated usage (`usage_line_items`); Azure only.' },
    NONE: { value: 'none', description: 'No line type (`none`).' },
    UNKNOWN: { value: 'unknown', description: 'A line type this gateway does not recognise.' },
  } as const,
});
export const readLineItemType = reader<LineItemTypeValue>(
  { billinglineitems: 'billinglineitems', usagelineitems: 'usagelineitems', none: 'none' },
  'unknown',
);

export const InvoiceTypeEnum = builder.enumType('PartnerCenterInvoiceType', {
  description: 'Recurring or one-time invoice (`Recurring`, `OneTime`).',
  values: { RECURRING: { value: 'recurring', description: 'Licence-based and usage billing of a period (`Recurring`).' }, ONE_TIME: { value: 'onetime', description: 'New commerce and one-time purchases (`OneTime`).' }, UNKNOWN: { value: 'unknown', description: 'Not recognised.' } } as const,
});
export const readInvoiceType = reader({ recurring: 'recurring', onetime: 'onetime' } as Record<string, 'recurring' | 'onetime' | 'unknown'>, 'unknown');

export const InvoiceDocumentTypeEnum = builder.enumType('PartnerCenterInvoiceDocumentType', {
  description: 'What the document is (`invoice`, `Credit Note`, `void_note`, `adjustment_note`).',
  values: {
    INVOICE: { value: 'invoice', description: 'An invoice (`invoice`).' },
    CREDIT_NOTE: { value: 'creditnote', description: 'A credit note (`Credit Note`).' },
    VOID_NOTE: { value: 'voidnote', description: 'A void note (`void_note`).' },
    ADJUSTMENT_NOTE: { value: 'adjustmentnote', description: 'An adjustment note (`adjustment_note`).' },
    UNKNOWN: { value: 'unknown', description: 'Not recognised.' },
  } as const,
});
export const readDocumentType = reader(
  { invoice: 'invoice', creditnote: 'creditnote', voidnote: 'voidnote', adjustmentnote: 'adjustmentnote' } as Record<string, 'invoice' | 'creditnote' | 'voidnote' | 'adjustmentnote' | 'unknown'>,
  'unknown',
);

export const UnbilledPeriodEnum = builder.enumType('PartnerCenterUnbilledPeriod', {
  description: 'Which unbilled period (query `period`).',
  values: {
    CURRENT: { value: 'current', description: 'The open billing period.' },
    PREVIOUS: { value: 'previous', description: 'The period that closed last and is not invoiced yet.' },
  } as const,
});

export const InvoiceLineItemKindEnum = builder.enumType('PartnerCenterInvoiceLineItemKind', {
  description: 'The line\'s resource type (`attributes.objectType`): it says which of the line\'s fields are filled.',
  values: {
    ONE_TIME: { value: 'OneTimeInvoiceLineItem', description: 'A one-time/new-commerce charge (provider ONE_TIME).' },
    LICENSE_BASED: { value: 'LicenseBasedLineItem', description: 'A licence-based charge (provider OFFICE).' },
    USAGE_BASED: { value: 'UsageBasedLineItem', description: 'A usage charge (provider AZURE, billing lines).' },
    DAILY_USAGE: { value: 'DailyUsageLineItem', description: 'A day of rated usage, without amounts (provider AZURE, usage lines).' },
    UNKNOWN: { value: 'unknown', description: 'An object type this gateway does not recognise.' },
  } as const,
});
const KINDS = new Set(['OneTimeInvoiceLineItem', 'LicenseBasedLineItem', 'UsageBasedLineItem', 'DailyUsageLineItem']);
/** The .NET SDK names the daily usage line DailyRatedUsageLineItem; the docs' JSON says DailyUsageLineItem. */
export const readLineItemKind = (raw: unknown): string =>
  raw === 'DailyRatedUsageLineItem' ? 'DailyUsageLineItem' : typeof raw === 'string' && KINDS.has(raw) ? raw : 'unknown';
