import { badUserInput } from '../errors.js';
import { isCurrencyCode, type BillingProvider, type InvoiceLineDto, type InvoiceLineItemType } from '../partner-center/client/invoice-calls.js';
import { builder } from './builder.js';
import { slicedList } from './published-cost.js';
import { PageInfoType } from './customer-list.js';
import { DecimalScalar, readDecimal } from './decimal.js';
import { checkInvoiceId, InvoiceType, readUtcDateTime } from './invoice.js';
import {
  BillingProviderEnum, InvoiceLineItemKindEnum, InvoiceLineItemTypeEnum, readBillingProvider, readLineItemKind, readLineItemType, UnbilledPeriodEnum,
} from './invoice-enums.js';
import { offsetConnection, seekConnection, type Connection, type Edge } from './list-paging.js';

/**
 * One line of an invoice or of the unbilled reconciliation, as ONE type with nullable fields rather than an
 * interface per kind: a billing dashboard shows lines as rows of one table, and a flat type lets it select
 * its columns once without fragments per kind. `kind` says which fields a line fills; the amounts that
 * Partner Center names differently per kind come out under one name each (`subtotal`, `tax`, `total`).
 */
const first = (line: InvoiceLineDto, ...names: string[]): unknown => names.map((n) => line[n]).find((v) => v !== undefined && v !== null);
const text = (raw: unknown): string | null => (typeof raw === 'string' ? raw : typeof raw === 'number' ? String(raw) : null);
const float = (raw: unknown): number | null => (typeof raw === 'number' && Number.isFinite(raw) ? raw : null);

export const InvoiceLineItemRef = builder.objectRef<InvoiceLineDto>('PartnerCenterInvoiceLineItem').implement({
  description: 'A billed (or unbilled) charge or a day of usage. Fields a kind does not have are null.',
  fields: (t) => {
    const str = (description: string, ...names: string[]) => t.string({ description, resolve: (l) => text(first(l, ...names)) });
    const money = (description: string, ...names: string[]) =>
      t.field({ type: DecimalScalar, description, resolve: (l) => readDecimal(first(l, ...names), names[0]!) });
    const date = (description: string, name: string) => t.field({ type: 'DateTime', description, resolve: (l) => readUtcDateTime(l[name], name) });
    return {
      kind: t.field({ type: InvoiceLineItemKindEnum, nullable: false, description: 'Which kind of line (`attributes.objectType`).', resolve: (l) => readLineItemKind((l.attributes as { objectType?: unknown } | undefined)?.objectType) as never }),
      billingProvider: t.field({ type: BillingProviderEnum, description: 'Who bills the line.', resolve: (l) => readBillingProvider(l.billingProvider) }),
      invoiceLineItemType: t.field({ type: InvoiceLineItemTypeEnum, description: 'Billing or usage line.', resolve: (l) => readLineItemType(l.invoiceLineItemType) }),
      invoiceNumber: str('Invoice id; empty for unbilled lines.', 'invoiceNumber'),
      partnerId: str('Partner tenant id.', 'partnerId'),
      customerId: str('Customer tenant id (one-time lines may prefix it with `org:`).', 'customerId'),
      customerName: str('Customer company name.', 'customerName', 'customerCompanyName'),
      customerDomainName: str('Customer domain.', 'customerDomainName', 'domainName'),
      customerCountry: str('Customer country (one-time lines).', 'customerCountry'),
      mpnId: str('MPN id of the reseller on record.', 'mpnId'),
      orderId: str('The order the charge comes from.', 'orderId'),
      orderDate: date('When the order was placed (one-time lines).', 'orderDate'),
      subscriptionId: str('The subscription charged.', 'subscriptionId'),
      subscriptionName: str('Subscription name (licence and Azure lines).', 'subscriptionName'),
      subscriptionDescription: str('Subscription description.', 'subscriptionDescription'),
      subscriptionStartDate: date('Subscription start.', 'subscriptionStartDate'),
      subscriptionEndDate: date('Subscription end.', 'subscriptionEndDate'),
      offerId: str('Offer id (licence lines).', 'offerId'),
      offerName: str('Offer name (licence lines).', 'offerName'),
      productId: str('Product id (one-time lines).', 'productId'),
      skuId: str('SKU id (one-time lines).', 'skuId'),
      availabilityId: str('Availability id (one-time lines).', 'availabilityId'),
      productName: str('Product name (one-time lines).', 'productName'),
      skuName: str('SKU name (one-time lines).', 'skuName'),
      publisherName: str('Publisher (one-time lines).', 'publisherName', 'providerName'),
      chargeType: str('What the charge is, as Partner Center words it (`New`, `Cancel`, `Assess usage fee for current cycle` …).', 'chargeType'),
      chargeStartDate: date('Start of the charged period.', 'chargeStartDate'),
      chargeEndDate: date('End of the charged period.', 'chargeEndDate'),
      termAndBillingCycle: str('Term and billing cycle (one-time lines).', 'termAndBillingCycle'),
      billingCycleType: str('Billing cycle as sent (licence and Azure lines).', 'billingCycleType'),
      unitType: str('Unit type (one-time lines).', 'unitType'),
      quantity: t.float({ description: 'Units charged.', resolve: (l) => float(first(l, 'quantity')) }),
      billableQuantity: t.float({ description: 'Billable quantity (one-time lines).', resolve: (l) => float(l.billableQuantity) }),
      unitPrice: money('Unit price.', 'unitPrice'),
      effectiveUnitPrice: money('Unit price after discounts (one-time lines).', 'effectiveUnitPrice'),
      amount: money('unit price × quantity (licence lines).', 'amount'),
      totalOtherDiscount: money('Discount (licence lines).', 'totalOtherDiscount'),
      subtotal: money('Amount before tax: `subtotal`, or `pretaxCharges` on Azure lines.', 'subtotal', 'pretaxCharges'),
      tax: money('Tax: `tax`, `taxTotal` (one-time) or `taxAmount` (Azure).', 'tax', 'taxTotal', 'taxAmount'),
      total: money('Amount with tax: `totalForCustomer`, or `postTaxTotal` on Azure lines.', 'totalForCustomer', 'postTaxTotal'),
      currency: str('ISO 4217 currency of the amounts.', 'currency'),
      pricingCurrency: str('Currency the price was set in (one-time lines).', 'pricingCurrency'),
      exchangeRate: money('Pricing to billing currency rate (`pcToBCExchangeRate`).', 'pcToBCExchangeRate'),
      priceAdjustmentDescription: str('Discounts and credits applied, as Partner Center words them.', 'priceAdjustmentDescription'),
      reservationOrderId: str('Reservation order (one-time lines).', 'reservationOrderId'),
      meterDescription: str('Meter (one-time usage).', 'meterDescription'),
      serviceName: str('Azure service (Azure lines).', 'serviceName'),
      serviceType: str('Azure service type (Azure lines).', 'serviceType'),
      resourceName: str('Azure resource (Azure lines).', 'resourceName'),
      resourceGuid: str('Azure resource id (Azure lines).', 'resourceGuid'),
      region: str('Azure region (Azure lines).', 'region'),
      unit: str('Unit of usage (Azure lines).', 'unit'),
      consumedQuantity: t.float({ description: 'Units consumed (Azure lines).', resolve: (l) => float(l.consumedQuantity) }),
      usageDate: date('Day of the usage (daily usage lines).', 'usageDate'),
    };
  },
});

const DEFAULT_FIRST = 100;
/** One GraphQL page maps to one upstream page; Partner Center's own largest page is 2,000 lines. */
export const MAX_LINES = 1000;

const LineEdgeType = builder.objectRef<Edge<InvoiceLineDto>>('PartnerCenterInvoiceLineItemEdge').implement({
  description: 'A line in a page of lines, with the cursor to continue after it.',
  fields: (t) => ({
    cursor: t.exposeString('cursor', { nullable: false, description: 'Signed position after this line; pass it as `after` with the same arguments.' }),
    node: t.field({ type: InvoiceLineItemRef, nullable: false, description: 'The line.', resolve: (e) => e.node }),
  }),
});

const LineConnectionType = builder.objectRef<Connection<InvoiceLineDto>>('PartnerCenterInvoiceLineItemConnection').implement({
  description: 'A page of invoice lines. Each page costs one Partner Center call; see docs/cost-model.md.',
  fields: (t) => ({
    edges: t.field({ type: [LineEdgeType], nullable: false, complexity: { field: 1, multiplier: 1 }, description: 'The lines of this page, in Partner Center\'s order.', resolve: (c) => c.edges }),
    pageInfo: t.field({ type: PageInfoType, nullable: false, description: 'Whether more lines follow, and the cursor to get them.', resolve: (c) => c.pageInfo }),
  }),
});

const FIRST_DOC = `Lines per page, 1 to ${MAX_LINES}; default ${DEFAULT_FIRST}. Anything else is BAD_USER_INPUT.`;
const AFTER_DOC = 'Continue after this cursor; it is bound to the list and arguments it came from.';
const cost = slicedList({ field: 2, argument: 'first', fallback: DEFAULT_FIRST, max: MAX_LINES, sizedFields: ['edges'] });

function checkProvider(provider: string, type: string): { provider: BillingProvider; type: InvoiceLineItemType } {
  if (provider !== 'office' && provider !== 'azure' && provider !== 'onetime') {
    throw badUserInput('provider must be OFFICE, AZURE or ONE_TIME: only those have lines.', { argument: 'provider' });
  }
  if (type !== 'billinglineitems' && type !== 'usagelineitems') throw badUserInput('lineItemType must be BILLING_LINE_ITEMS or USAGE_LINE_ITEMS.', { argument: 'lineItemType' });
  if (provider === 'office' && type === 'usagelineitems') throw badUserInput('OFFICE has billing lines only.', { argument: 'lineItemType' });
  return { provider, type };
}

builder.objectField(InvoiceType, 'lineItems', (t) =>
  t.field({
    type: LineConnectionType,
    complexity: cost,
    description: [
      'The invoice\'s lines of one provider and line type (see `invoiceDetails`), a page at a time.',
      'Null, with the error (e.g. UPSTREAM_ERROR, THROTTLED), when Partner Center cannot answer; bad arguments or a cursor of another list are BAD_USER_INPUT.',
    ].join(' '),
    args: {
      provider: t.arg({ type: BillingProviderEnum, required: true, description: 'OFFICE, AZURE or ONE_TIME (see `invoiceDetails`); any other is BAD_USER_INPUT.' }),
      lineItemType: t.arg({ type: InvoiceLineItemTypeEnum, defaultValue: 'billinglineitems', description: 'BILLING_LINE_ITEMS (default) or USAGE_LINE_ITEMS (not for OFFICE).' }),
      first: t.arg.int({ description: FIRST_DOC }),
      after: t.arg.string({ description: AFTER_DOC }),
    },
    resolve: (invoice, args, ctx) => {
      const { provider, type } = checkProvider(args.provider, args.lineItemType ?? 'billinglineitems');
      const invoiceId = checkInvoiceId(invoice.id);
      const request = {
        secret: ctx.config.cursors.secret, list: 'invoiceLines', binding: `${invoiceId.toUpperCase()}|${provider}|${type}`,
        first: args.first, after: args.after, defaultFirst: DEFAULT_FIRST, maxFirst: MAX_LINES,
      };
      const load = (size: number, start: { offset: number } | { continuationToken: string }) =>
        ctx.loaders.invoiceLines.load({ invoiceId, provider, lineItemType: type, size, start });
      return provider === 'onetime'
        ? seekConnection(request, (size, token) => load(size, token === null ? { offset: 0 } : { continuationToken: token }))
        : offsetConnection(request, (size, offset) => load(size, { offset }));
    },
  }),
);

builder.queryField('unbilledLineItems', (t) =>
  t.field({
    type: LineConnectionType,
    complexity: cost,
    description:
      'Not yet invoiced one-time (new commerce) charges of a period, in one currency, a page at a time. Null, with the error (e.g. UPSTREAM_ERROR, THROTTLED), when Partner Center cannot answer; bad arguments or a cursor of another list are BAD_USER_INPUT.',
    args: {
      currencyCode: t.arg.string({ required: true, description: 'ISO 4217 code, three letters (e.g. USD); anything else is BAD_USER_INPUT.' }),
      period: t.arg({ type: UnbilledPeriodEnum, required: true, description: 'CURRENT or PREVIOUS.' }),
      first: t.arg.int({ description: FIRST_DOC }),
      after: t.arg.string({ description: AFTER_DOC }),
    },
    resolve: (_, args, ctx) => {
      if (!isCurrencyCode(args.currencyCode)) throw badUserInput('currencyCode must be an ISO 4217 code of three letters, e.g. USD.', { argument: 'currencyCode' });
      const currencyCode = args.currencyCode.toUpperCase();
      const request = {
        secret: ctx.config.cursors.secret, list: 'unbilledLines', binding: `${currencyCode}|${args.period}`,
        first: args.first, after: args.after, defaultFirst: DEFAULT_FIRST, maxFirst: MAX_LINES,
      };
      return seekConnection(request, (size, token) =>
        ctx.loaders.unbilledLines.load({ currencyCode, period: args.period, size, ...(token === null ? {} : { continuationToken: token }) }));
    },
  }),
);
