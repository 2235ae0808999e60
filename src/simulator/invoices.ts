/**
 * Seeded invoices of the default partner (invoice-resources.md), built on first use. Every line points at a
 * simulated customer's order (and its subscription when the order line has one); every amount is kept in
 * integer cents, so an invoice's totalCharges is exactly the sum of its billing lines' totals.
 */
import { DEFAULT_PARTNER_ID } from './constants.js';
import type { CustomerRecord, SimulatorData } from './data.js';
import { Rng, hash32 } from './prng.js';

export type Provider = 'office' | 'azure' | 'onetime';
export type LineType = 'billinglineitems' | 'usagelineitems';
export type LineJson = Record<string, unknown>;

export interface SimInvoice {
  readonly id: string;
  readonly partnerId: string;
  /** The resource as GET /v1/invoices/{id} serves it (pdfDownloadLink included). */
  readonly json: Record<string, unknown>;
  /** Lines per `${provider}/${lineType}`; built on first use. */
  lines(provider: Provider, type: LineType): readonly LineJson[] | undefined;
}

/** The invoice with more than 10,000 one-time lines, paged with continuation tokens. */
export const BIG_INVOICE_ID = 'G000010000';
export const BIG_INVOICE_LINE_COUNT = 10_500;
/** A recurring invoice with office and azure lines (size/offset paging). */
export const RECURRING_INVOICE_ID = 'D040000001';
/** A one-time invoice with a dozen lines and an amendment. */
export const ONETIME_INVOICE_ID = 'G000000002';
/** Unbilled one-time lines (USD): current period, previous period. */
export const UNBILLED_CURRENT_COUNT = 2_500;
export const UNBILLED_PREVIOUS_COUNT = 40;

const money = (cents: number): number => cents / 100;

interface Source {
  record: CustomerRecord;
  orderId: string;
  orderDate: string;
  offerId: string;
  subscriptionId?: string;
  quantity: number;
}

/** The order's creation date when it is a clean one (the quirks customer's are not). */
function validDate(value: string | undefined): string {
  return value && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value) ? value : '2026-01-01T00:00:00Z';
}

/** Every (customer, order, line) of the given customers, in a stable order. */
function sources(records: readonly CustomerRecord[]): Source[] {
  const out: Source[] = [];
  for (const record of records) {
    for (const order of record.orders) {
      for (const line of order.lineItems ?? []) {
        out.push({
          record, orderId: order.id, orderDate: validDate(order.creationDate), offerId: line.offerId,
          ...(line.subscriptionId ? { subscriptionId: line.subscriptionId } : {}), quantity: line.quantity ?? 1,
        });
      }
    }
  }
  return out;
}

function customerPart(record: CustomerRecord) {
  const profile = record.customer.companyProfile;
  return { customerId: record.customer.id, customerName: profile.companyName, domainName: profile.domain };
}

/** One OneTimeInvoiceLineItem; `cents` collects the line's totalForCustomer. */
function oneTimeLine(rng: Rng, src: Source, invoiceNumber: string, currency: string, cents: { total: number }): LineJson {
  const unit = rng.int(100, 250_000);
  const subtotal = unit * src.quantity;
  const tax = Math.round(subtotal * 0.09);
  cents.total += subtotal + tax;
  const c = customerPart(src.record);
  return {
    partnerId: DEFAULT_PARTNER_ID, customerId: c.customerId, customerName: c.customerName, customerDomainName: c.domainName,
    customerCountry: 'US', invoiceNumber, mpnId: '4870137', resellerMpnId: 0, orderId: src.orderId, orderDate: src.orderDate,
    productId: src.offerId.split(':')[0] ?? src.offerId, skuId: src.offerId.split(':')[1] ?? '0001', availabilityId: 'DZH318Z0BP8B',
    productName: `Product ${src.offerId.slice(0, 12)}`, skuName: 'Standard', chargeType: 'New',
    unitPrice: money(unit), effectiveUnitPrice: money(unit), unitType: 'Licenses', quantity: src.quantity,
    subtotal: money(subtotal), taxTotal: money(tax), totalForCustomer: money(subtotal + tax), currency,
    publisherName: 'Microsoft Corporation', publisherId: '', subscriptionDescription: '',
    ...(src.subscriptionId ? { subscriptionId: src.subscriptionId } : {}),
    chargeStartDate: '2026-09-01T00:00:00Z', chargeEndDate: '2026-09-30T00:00:00Z',
    termAndBillingCycle: '1 Month Subscription', alternateId: src.orderId.slice(0, 12), priceAdjustmentDescription: '',
    discountDetails: '', pricingCurrency: currency, pcToBCExchangeRate: 1, pcToBCExchangeRateDate: '2026-09-01T00:00:00Z',
    billableQuantity: src.quantity, meterDescription: '', reservationOrderId: '',
    invoiceLineItemType: 'billing_line_items', billingProvider: 'one_time', attributes: { objectType: 'OneTimeInvoiceLineItem' },
  };
}

function licenseLine(rng: Rng, src: Source, cents: { total: number }): LineJson {
  const unit = rng.int(400, 5_700);
  const amount = unit * src.quantity;
  const tax = Math.round(amount * 0.08);
  cents.total += amount + tax;
  const c = customerPart(src.record);
  return {
    partnerId: DEFAULT_PARTNER_ID, ...c, mpnId: 4391507, tier2MpnId: -1, orderId: src.orderId,
    ...(src.subscriptionId ? { subscriptionId: src.subscriptionId } : {}),
    syndicationPartnerSubscriptionNumber: src.subscriptionId ?? '', offerId: src.offerId, durableOfferId: src.offerId,
    offerName: `Offer ${src.offerId.slice(0, 12)}`, billingCycleType: 'MONTHLY', subscriptionName: `Offer ${src.offerId.slice(0, 12)}`,
    subscriptionDescription: '', subscriptionStartDate: '2026-08-01T00:00:00', subscriptionEndDate: '2027-07-31T00:00:00',
    chargeStartDate: '2026-09-01T00:00:00', chargeEndDate: '2026-09-30T00:00:00', chargeType: 'New',
    unitPrice: money(unit), quantity: src.quantity, amount: money(amount), totalOtherDiscount: 0, subtotal: money(amount),
    tax: money(tax), totalForCustomer: money(amount + tax), currency: 'USD',
    invoiceLineItemType: 'billing_line_items', billingProvider: 'office', attributes: { objectType: 'LicenseBasedLineItem' },
  };
}

function usageLine(rng: Rng, src: Source, invoiceNumber: string, cents: { total: number }): LineJson {
  const pretax = rng.int(50, 90_000);
  const tax = Math.round(pretax * 0.1);
  cents.total += pretax + tax;
  const c = customerPart(src.record);
  return {
    detailLineItemId: 1, sku: '7UD-00001', includedQuantity: 0, overageQuantity: 745, listPrice: 0.085, currency: 'USD',
    pretaxCharges: money(pretax), taxAmount: money(tax), postTaxTotal: money(pretax + tax),
    pretaxEffectiveRate: 0.085, postTaxEffectiveRate: 0.0935, chargeType: 'Assess usage fee for current cycle',
    invoiceLineItemType: 'billing_line_items', partnerId: DEFAULT_PARTNER_ID, partnerName: 'Contoso Partner',
    partnerBillableAccountId: '1010578050', customerId: c.customerId, domainName: c.domainName, customerCompanyName: c.customerName,
    mpnId: 4390934, tier2MpnId: -1, invoiceNumber, ...(src.subscriptionId ? { subscriptionId: src.subscriptionId } : {}),
    subscriptionName: 'Microsoft Azure', subscriptionDescription: 'Microsoft Azure', billingCycleType: 'Monthly', orderId: src.orderId,
    serviceName: 'Azure App Service', serviceType: 'Standard Plan', resourceGuid: '505db374-df8a-44df-9d8c-13c14b61dee1',
    resourceName: 'S1', region: '', consumedQuantity: 745, chargeStartDate: '2026-09-01T00:00:00', chargeEndDate: '2026-09-30T00:00:00',
    unit: '1 Hour', billingProvider: 'azure', attributes: { objectType: 'UsageBasedLineItem' },
  };
}

function dailyUsageLine(rng: Rng, src: Source, invoiceNumber: string, day: number): LineJson {
  const c = customerPart(src.record);
  return {
    customerBillableAccount: '1439508127', usageDate: `2026-09-${String(day).padStart(2, '0')}T00:00:00`,
    invoiceLineItemType: 'usage_line_items', partnerId: DEFAULT_PARTNER_ID, partnerName: 'Contoso Partner',
    partnerBillableAccountId: '1010578050', customerId: c.customerId, domainName: c.domainName, customerCompanyName: c.customerName,
    mpnId: 4390934, tier2MpnId: -1, invoiceNumber, ...(src.subscriptionId ? { subscriptionId: src.subscriptionId } : {}),
    subscriptionName: 'MICROSOFT AZURE', subscriptionDescription: 'MICROSOFT AZURE', billingCycleType: 'MONTHLY', orderId: src.orderId,
    serviceName: 'STORAGE', serviceType: 'STANDARD PAGE BLOB', resourceGuid: '9cc63cf8-6593-410a-b0e7-26a4ef71e8b3',
    resourceName: 'DISK DELETE OPERATIONS', region: 'US WEST', consumedQuantity: rng.int(1, 4000) / 100,
    chargeStartDate: '2026-09-01T00:00:00', chargeEndDate: '2026-09-30T00:00:00', unit: '10K',
    billingProvider: 'azure', attributes: { objectType: 'DailyUsageLineItem' },
  };
}

interface Spec {
  id: string;
  date: string;
  type: 'Recurring' | 'OneTime';
  currency: 'USD' | 'EUR';
  paid: boolean;
  build: (rng: Rng, cents: { total: number }) => Partial<Record<`${Provider}/${LineType}`, LineJson[]>>;
}

const SYMBOL = { USD: '$', EUR: '€' } as const;

function invoiceJson(spec: Spec, totalCents: number, details: string[], amendments: Record<string, unknown>[]): Record<string, unknown> {
  const total = money(totalCents);
  return {
    id: spec.id, invoiceDate: spec.date, billingPeriodStartDate: `${spec.date.slice(0, 8)}01T00:00:00Z`,
    billingPeriodEndDate: spec.date, totalCharges: total, paidAmount: spec.paid ? total : 0, currencyCode: spec.currency,
    currencySymbol: SYMBOL[spec.currency], pdfDownloadLink: `/invoices/${spec.id}/documents/statement`,
    invoiceDetails: details.map((key) => {
      const [provider, type] = key.split('/') as [Provider, LineType];
      return {
        invoiceLineItemType: type === 'usagelineitems' ? 'usage_line_items' : 'billing_line_items',
        billingProvider: provider === 'onetime' ? 'one_time' : provider,
        links: { self: { uri: `/invoices/${spec.id}/lineitems?provider=${provider}&invoicelineitemtype=${type}`, method: 'GET', headers: [] } },
        attributes: { objectType: 'InvoiceDetail' },
      };
    }),
    ...(amendments.length > 0 ? { amendments } : {}),
    documentType: 'invoice', invoiceType: spec.type,
    links: { self: { uri: `/invoices/${spec.id}`, method: 'GET', headers: [] } }, attributes: { objectType: 'Invoice' },
  };
}

function makeInvoice(seed: number, spec: Spec): SimInvoice {
  let built: { json: Record<string, unknown>; lines: Partial<Record<string, LineJson[]>> } | undefined;
  const build = () => {
    if (built) return built;
    const cents = { total: 0 };
    const lines = spec.build(new Rng(hash32(`${seed}:invoice:${spec.id}`)), cents);
    const amendments = spec.id === ONETIME_INVOICE_ID
      ? [{ id: 'G000000007', invoiceDate: '2026-08-09T00:00:00Z', totalCharges: -12.5, paidAmount: 0, currencyCode: 'USD',
          currencySymbol: '$', invoiceDetails: [], documentType: 'adjustment_note', amendsOf: spec.id, invoiceType: 'OneTime',
          attributes: { objectType: 'Invoice' } }]
      : [];
    built = { json: invoiceJson(spec, cents.total, Object.keys(lines), amendments), lines };
    return built;
  };
  return {
    id: spec.id,
    partnerId: DEFAULT_PARTNER_ID,
    get json() { return build().json; },
    lines: (provider, type) => build().lines[`${provider}/${type}`],
  };
}

export interface InvoiceBook {
  /** The partner's invoices, newest first. */
  invoicesOf(partnerId: string): readonly SimInvoice[];
  find(partnerId: string, id: string): SimInvoice | undefined;
  /** Unbilled one-time lines (USD only; other currencies have none). */
  unbilled(partnerId: string, currency: string, period: 'current' | 'previous'): readonly LineJson[];
}

export function createInvoiceBook(data: SimulatorData): InvoiceBook {
  const mine = () => data.customersOf(DEFAULT_PARTNER_ID);
  const small = () => sources(mine().filter((r) => r.orders.length < 100));
  const big = () => sources(mine().filter((r) => r.orders.length >= 100));
  const take = (list: Source[], n: number, from = 0) => Array.from({ length: n }, (_, i) => list[(from + i) % list.length]!);
  const oneTime = (id: string, n: number, list: () => Source[], currency = 'USD') =>
    (rng: Rng, cents: { total: number }) => ({ 'onetime/billinglineitems': take(list(), n).map((s) => oneTimeLine(rng, s, id, currency, cents)) });
  const specs: Spec[] = [
    { id: 'G000000005', date: '2026-10-08T00:00:00Z', type: 'OneTime', currency: 'EUR', paid: false, build: oneTime('G000000005', 3, small, 'EUR') },
    { id: BIG_INVOICE_ID, date: '2026-10-01T00:00:00Z', type: 'OneTime', currency: 'USD', paid: false, build: oneTime(BIG_INVOICE_ID, BIG_INVOICE_LINE_COUNT, big) },
    { id: RECURRING_INVOICE_ID, date: '2026-09-21T00:00:00Z', type: 'Recurring', currency: 'USD', paid: false, build: (rng, cents) => {
      const list = small();
      return {
        'office/billinglineitems': take(list, 7, 0).map((s) => licenseLine(rng, s, cents)),
        'azure/billinglineitems': take(list, 5, 7).map((s) => usageLine(rng, s, RECURRING_INVOICE_ID, cents)),
        'azure/usagelineitems': take(list, 9, 12).map((s, i) => dailyUsageLine(rng, s, RECURRING_INVOICE_ID, i + 1)),
      };
    } },
    { id: ONETIME_INVOICE_ID, date: '2026-08-08T00:00:00Z', type: 'OneTime', currency: 'USD', paid: true, build: oneTime(ONETIME_INVOICE_ID, 12, small) },
    { id: 'D040000003', date: '2026-07-21T00:00:00Z', type: 'Recurring', currency: 'USD', paid: true, build: (rng, cents) =>
      ({ 'office/billinglineitems': take(small(), 4, 20).map((s) => licenseLine(rng, s, cents)) }) },
    { id: 'D040000004', date: '2026-06-21T00:00:00Z', type: 'Recurring', currency: 'USD', paid: true, build: (rng, cents) =>
      ({ 'office/billinglineitems': take(small(), 3, 30).map((s) => licenseLine(rng, s, cents)) }) },
  ];
  const invoices = specs.map((spec) => makeInvoice(data.seed, spec));
  const unbilledCache = new Map<string, LineJson[]>();
  return {
    invoicesOf: (partnerId) => (partnerId === DEFAULT_PARTNER_ID ? invoices : []),
    find: (partnerId, id) => (partnerId === DEFAULT_PARTNER_ID ? invoices.find((i) => i.id.toLowerCase() === id.toLowerCase()) : undefined),
    unbilled(partnerId, currency, period) {
      if (partnerId !== DEFAULT_PARTNER_ID || currency.toUpperCase() !== 'USD') return [];
      let lines = unbilledCache.get(period);
      if (!lines) {
        const rng = new Rng(hash32(`${data.seed}:unbilled:${period}`));
        const count = period === 'current' ? UNBILLED_CURRENT_COUNT : UNBILLED_PREVIOUS_COUNT;
        lines = take(period === 'current' ? big() : small(), count, 3).map((s) => oneTimeLine(rng, s, '', 'USD', { total: 0 }));
        unbilledCache.set(period, lines);
      }
      return lines;
    },
  };
}
