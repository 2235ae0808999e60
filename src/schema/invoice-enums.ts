import { builder } from './builder.js';
import { partnerCenterEnum } from './enums.js';

/**
 * The invoice enums, with the wire spellings they are read from. Partner Center spells them several ways
 * (`one_time`, `OneTime`, `onetime`; `Credit Note`, `credit_note`), so values are compared with case,
 * spaces and underscores removed; anything else is UNKNOWN rather than an error.
 */
export const { ref: BillingProviderEnum, parse: readBillingProvider } = partnerCenterEnum(
  'PartnerCenterBillingProvider',
  {
    description: 'Who bills an invoice detail or line.',
    values: {
      OFFICE: { value: 'office', description: 'Office and other licence-based (legacy) subscriptions: `office`.' },
      AZURE: { value: 'azure', description: 'Azure (MS-AZR-0145P) usage: `azure`.' },
      ONE_TIME: { value: 'onetime', description: 'New commerce, reservations, software, Azure plan and marketplace: `one_time` (query `onetime`).' },
      AZURE_DATA_MARKET: { value: 'azure_data_market', description: 'Azure Data Market (`azure_data_market`); no lines can be listed for it.' },
      NONE: { value: 'none', description: 'No provider (`none`).' },
      UNKNOWN: { value: 'unknown', description: 'A provider this gateway does not recognise.' },
    },
  },
  'loose',
);
export type BillingProviderValue = NonNullable<ReturnType<typeof readBillingProvider>>;

export const { ref: InvoiceLineItemTypeEnum, parse: readLineItemType } = partnerCenterEnum(
  'PartnerCenterInvoiceLineItemType',
  {
    description: 'Which lines of an invoice detail.',
    values: {
      BILLING_LINE_ITEMS: { value: 'billinglineitems', description: 'Charges (`billing_line_items`).' },
      USAGE_LINE_ITEMS: { value: 'usagelineitems', description: 'Daily rated usage (`usage_line_items`); Azure only.' },
      NONE: { value: 'none', description: 'No line type (`none`).' },
      UNKNOWN: { value: 'unknown', description: 'A line type this gateway does not recognise.' },
    },
  },
  'loose',
);
export type LineItemTypeValue = NonNullable<ReturnType<typeof readLineItemType>>;

export const { ref: InvoiceTypeEnum, parse: readInvoiceType } = partnerCenterEnum(
  'PartnerCenterInvoiceType',
  {
    description: 'Recurring or one-time invoice (`Recurring`, `OneTime`).',
    values: {
      RECURRING: { value: 'recurring', description: 'Licence-based and usage billing of a period (`Recurring`).' },
      ONE_TIME: { value: 'onetime', description: 'New commerce and one-time purchases (`OneTime`).' },
      UNKNOWN: { value: 'unknown', description: 'Not recognised.' },
    },
  },
  'loose',
);

export const { ref: InvoiceDocumentTypeEnum, parse: readDocumentType } = partnerCenterEnum(
  'PartnerCenterInvoiceDocumentType',
  {
    description: 'What the document is (`invoice`, `Credit Note`, `void_note`, `adjustment_note`).',
    values: {
      INVOICE: { value: 'invoice', description: 'An invoice (`invoice`).' },
      CREDIT_NOTE: { value: 'creditnote', description: 'A credit note (`Credit Note`).' },
      VOID_NOTE: { value: 'voidnote', description: 'A void note (`void_note`).' },
      ADJUSTMENT_NOTE: { value: 'adjustmentnote', description: 'An adjustment note (`adjustment_note`).' },
      UNKNOWN: { value: 'unknown', description: 'Not recognised.' },
    },
  },
  'loose',
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
