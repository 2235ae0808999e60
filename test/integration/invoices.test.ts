import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { invoiceBook } from '../../src/simulator/invoice-routes.js';
import {
  BIG_INVOICE_ID, BIG_INVOICE_LINE_COUNT, ONETIME_INVOICE_ID, RECURRING_INVOICE_ID, UNBILLED_CURRENT_COUNT, UNBILLED_PREVIOUS_COUNT,
  type LineJson,
} from '../../src/simulator/invoices.js';
import { DEFAULT_PARTNER_ID } from '../../src/simulator/constants.js';
import { LARGE_BODY } from '../../src/partner-center/transport/large-bodies.js';
import { TOKEN, type GraphQLResponse } from '../support/gateway.js';
import { scrape } from '../support/prometheus.js';
import { useGateway } from '../support/shared-gateway.js';

const gw = useGateway();

const book = () => invoiceBook(gw.sim.data);
const invoiceJson = (id: string) => book().find(DEFAULT_PARTNER_ID, id)!.json;
const lines = (id: string, provider: 'office' | 'azure' | 'onetime', type: 'billinglineitems' | 'usagelineitems' = 'billinglineitems') =>
  book().find(DEFAULT_PARTNER_ID, id)!.lines(provider, type) as LineJson[];
const cents = (value: unknown) => Math.round(Number(value) * 100);

interface Page<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
}

function data<T>(response: GraphQLResponse, ...path: string[]): T {
  expect(response.body.errors).toBeUndefined();
  let value: unknown = response.body.data;
  for (const key of path) value = (value as Record<string, unknown>)[key];
  return value as T;
}

const codes = (response: GraphQLResponse) => response.body.errors?.map((e) => e.extensions?.code);
const calls = () => gw.upstream().map((c) => ({ path: c.path, query: c.query, token: c.headers['ms-continuationtoken'] }));

async function largeBodyBudget(): Promise<{ admitted: number; reading: number; waiting: number }> {
  const metrics = await scrape(gw.url);
  const value = (state: string) => metrics.samples('partner_center_large_body_bytes').find((s) => s.labels.state === state)?.value ?? Number.NaN;
  return { admitted: value('admitted'), reading: value('reading'), waiting: value('waiting') };
}

const INVOICES = `query($first: Int, $after: String) { invoices(first: $first, after: $after) {
  edges { cursor node { id invoiceDate totalCharges paidAmount currencyCode invoiceType documentType } }
  pageInfo { hasNextPage hasPreviousPage endCursor } } }`;

describe('invoices', () => {
  it('pages the partner\'s invoices with size/offset, one upstream call per page, to the end', async () => {
    const expected = book().invoicesOf(DEFAULT_PARTNER_ID).map((i) => i.json);
    const seen: string[] = [];
    let after: string | null = null;
    const pages: boolean[] = [];
    do {
      const page: Page<{ id: string; totalCharges: string }> = data(await gw.query(INVOICES, { first: 4, after }), 'invoices');
      seen.push(...page.edges.map((e) => e.node.id));
      pages.push(page.pageInfo.hasNextPage);
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(expected.map((i) => i.id));
    expect(pages).toEqual([true, false]);
    expect(calls()).toEqual([
      { path: '/v1/invoices', query: { size: '4', offset: '0' }, token: undefined },
      { path: '/v1/invoices', query: { size: '4', offset: '4' }, token: undefined },
    ]);
  });

  it('serves an invoice by id with exact amounts that add up to its lines', async () => {
    const response = await gw.query(`{ invoice(id: "${RECURRING_INVOICE_ID}") { id invoiceDate billingPeriodStartDate totalCharges paidAmount currencyCode
      currencySymbol pdfDownloadLink statementUrl invoiceType documentType invoiceDetails { billingProvider invoiceLineItemType } } }`);
    const json = invoiceJson(RECURRING_INVOICE_ID);
    expect(data(response, 'invoice')).toEqual({
      id: RECURRING_INVOICE_ID, invoiceDate: json.invoiceDate, billingPeriodStartDate: json.billingPeriodStartDate,
      totalCharges: String(json.totalCharges), paidAmount: '0', currencyCode: 'USD', currencySymbol: '$',
      pdfDownloadLink: `/invoices/${RECURRING_INVOICE_ID}/documents/statement`, statementUrl: `/invoices/${RECURRING_INVOICE_ID}/statement.pdf`,
      invoiceType: 'RECURRING', documentType: 'INVOICE',
      invoiceDetails: [
        { billingProvider: 'OFFICE', invoiceLineItemType: 'BILLING_LINE_ITEMS' },
        { billingProvider: 'AZURE', invoiceLineItemType: 'BILLING_LINE_ITEMS' },
        { billingProvider: 'AZURE', invoiceLineItemType: 'USAGE_LINE_ITEMS' },
      ],
    });
    const billed = [...lines(RECURRING_INVOICE_ID, 'office'), ...lines(RECURRING_INVOICE_ID, 'azure')];
    expect(billed.reduce((sum, l) => sum + cents(l.totalForCustomer ?? l.postTaxTotal), 0)).toBe(cents(json.totalCharges));
    expect(calls()).toEqual([{ path: `/v1/invoices/${RECURRING_INVOICE_ID}`, query: {}, token: undefined }]);
  });

  it('answers NOT_FOUND with Partner Center\'s code for an unknown invoice', async () => {
    const response = await gw.query('{ invoice(id: "D049999999") { id } }');
    expect(response.body.data).toEqual({ invoice: null });
    expect(response.body.errors?.map((e) => [e.extensions?.code, (e.extensions?.upstream as { code?: string }).code])).toEqual([['NOT_FOUND', '1000']]);
    expect(calls()).toHaveLength(1);
  });

  it('answers invoice summaries per currency', async () => {
    const response = await gw.query('{ invoiceSummaries { currencyCode balanceAmount lastPaymentDate details { invoiceType summary { balanceAmount } } } }');
    const summaries = data<{ currencyCode: string; balanceAmount: string; details: { invoiceType: string }[] }[]>(response, 'invoiceSummaries');
    const unpaid = (currency: string) =>
      book().invoicesOf(DEFAULT_PARTNER_ID).filter((i) => i.json.currencyCode === currency).reduce((sum, i) => sum + cents(i.json.totalCharges) - cents(i.json.paidAmount), 0);
    expect(summaries.map((s) => [s.currencyCode, cents(s.balanceAmount)])).toEqual([['EUR', unpaid('EUR')], ['USD', unpaid('USD')]]);
    expect(summaries[1]!.details.map((d) => d.invoiceType)).toEqual(['ONE_TIME', 'RECURRING']);
    expect(calls()).toEqual([{ path: '/v1/invoices/summaries', query: {}, token: undefined }]);
  });
});

const LINES = `query($id: ID!, $provider: PartnerCenterBillingProvider!, $type: PartnerCenterInvoiceLineItemType, $first: Int, $after: String) {
  invoice(id: $id) { lineItems(provider: $provider, lineItemType: $type, first: $first, after: $after) {
    edges { cursor node { kind customerId orderId subscriptionId total tax subtotal currency usageDate } }
    pageInfo { hasNextPage endCursor } } } }`;

type Line = { kind: string; customerId: string; orderId: string; subscriptionId: string | null; total: string | null };

async function walkLines(variables: Record<string, unknown>): Promise<{ nodes: Line[]; pages: number }> {
  const nodes: Line[] = [];
  let after: string | null = null;
  let pages = 0;
  do {
    const page: Page<Line> = data(await gw.query(LINES, { ...variables, after }), 'invoice', 'lineItems');
    nodes.push(...page.edges.map((e) => e.node));
    pages++;
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after);
  return { nodes, pages };
}

describe('invoice line items', () => {
  it('pages OFFICE lines with size/offset and every line points at a simulated customer\'s order and subscription', async () => {
    const { nodes, pages } = await walkLines({ id: RECURRING_INVOICE_ID, provider: 'OFFICE', first: 3 });
    const expected = lines(RECURRING_INVOICE_ID, 'office');
    expect(pages).toBe(3);
    expect(nodes.map((n) => [n.kind, n.orderId, n.total])).toEqual(expected.map((l) => ['LICENSE_BASED', l.orderId, String(l.totalForCustomer)]));
    for (const node of nodes) {
      const order = gw.sim.data.findOrder(node.customerId, node.orderId);
      expect(order).toBeDefined();
      if (node.subscriptionId) expect(order!.lineItems!.map((l) => l.subscriptionId)).toContain(node.subscriptionId);
    }
    // Invoice calls in between: one per page for the invoice (cached within a request) and one for its lines.
    expect(calls().filter((c) => c.path.endsWith('/lineitems'))).toEqual([0, 3, 6].map((offset) => ({
      path: `/v1/invoices/${RECURRING_INVOICE_ID}/lineitems`,
      query: { provider: 'office', invoicelineitemtype: 'billinglineitems', size: '3', offset: String(offset) },
      token: undefined,
    })));
  });

  it('serves AZURE billing and usage lines', async () => {
    const billing = await walkLines({ id: RECURRING_INVOICE_ID, provider: 'AZURE', first: 100 });
    expect(billing.nodes.map((n) => [n.kind, n.total])).toEqual(lines(RECURRING_INVOICE_ID, 'azure').map((l) => ['USAGE_BASED', String(l.postTaxTotal)]));
    const usage = await walkLines({ id: RECURRING_INVOICE_ID, provider: 'AZURE', type: 'USAGE_LINE_ITEMS', first: 100 });
    expect(usage.nodes.map((n) => n.kind)).toEqual(Array(lines(RECURRING_INVOICE_ID, 'azure', 'usagelineitems').length).fill('DAILY_USAGE'));
    expect(calls().filter((c) => c.path.endsWith('/lineitems')).map((c) => c.query.invoicelineitemtype)).toEqual(['billinglineitems', 'usagelineitems']);
  });

  it('walks the 10,500-line ONE_TIME invoice to its end, one seek page per GraphQL page, within the memory budget', async () => {
    const json = invoiceJson(BIG_INVOICE_ID);
    // A page of 1,000 lines is a large body: counted against the budget and parsed in a turn of its own.
    const direct = await request(`${gw.simUrl}/v1/invoices/${BIG_INVOICE_ID}/lineitems?provider=onetime&invoicelineitemtype=billinglineitems&size=1000`, { headers: { authorization: TOKEN } });
    expect(Buffer.byteLength(await direct.body.text())).toBeGreaterThan(LARGE_BODY);
    gw.resetUpstream();
    const nodes: Line[] = [];
    let after: string | null = null;
    do {
      const page: Page<Line> = data(await gw.query(LINES, { id: BIG_INVOICE_ID, provider: 'ONE_TIME', first: 1000, after }), 'invoice', 'lineItems');
      nodes.push(...page.edges.map((e) => e.node));
      // Each page's body (over 1 MB) went through the budget and was given back when its request answered.
      expect(await largeBodyBudget()).toEqual({ admitted: 0, reading: 0, waiting: 0 });
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(nodes).toHaveLength(BIG_INVOICE_LINE_COUNT);
    const expected = lines(BIG_INVOICE_ID, 'onetime');
    expect(nodes.map((n) => n.orderId)).toEqual(expected.map((l) => l.orderId));
    expect(nodes.reduce((sum, n) => sum + cents(n.total), 0)).toBe(cents(json.totalCharges));
    const lineCalls = calls().filter((c) => c.path.endsWith('/lineitems'));
    expect(lineCalls).toHaveLength(11);
    expect(lineCalls[0]).toEqual({ path: `/v1/invoices/${BIG_INVOICE_ID}/lineitems`, query: { provider: 'onetime', invoicelineitemtype: 'billinglineitems', size: '1000' }, token: undefined });
    for (const call of lineCalls.slice(1)) {
      expect(call.query).toEqual({ provider: 'onetime', invoicelineitemtype: 'billinglineitems', size: '1000', seekOperation: 'Next' });
      expect(call.token).toMatch(/\S/);
    }
    expect(new Set(lineCalls.map((c) => c.token)).size).toBe(11);
  });

  it('resumes from a cursor in the middle of a seek page by re-reading that page only', async () => {
    const first: Page<Line> = data(await gw.query(LINES, { id: BIG_INVOICE_ID, provider: 'ONE_TIME', first: 5 }), 'invoice', 'lineItems');
    gw.resetUpstream();
    const second: Page<Line> = data(await gw.query(LINES, { id: BIG_INVOICE_ID, provider: 'ONE_TIME', first: 3, after: first.edges[1]!.cursor }), 'invoice', 'lineItems');
    expect(second.edges.map((e) => e.node.orderId)).toEqual(first.edges.slice(2, 5).map((e) => e.node.orderId));
    expect(calls().filter((c) => c.path.endsWith('/lineitems')).map((c) => c.query)).toEqual([{ provider: 'onetime', invoicelineitemtype: 'billinglineitems', size: '5' }]);
  });
});

const UNBILLED = `query($currency: String!, $period: PartnerCenterUnbilledPeriod!, $first: Int, $after: String) {
  unbilledLineItems(currencyCode: $currency, period: $period, first: $first, after: $after) {
    edges { node { kind orderId total invoiceNumber } } pageInfo { hasNextPage endCursor } } }`;

describe('unbilled line items', () => {
  it('pages the current period with continuation tokens', async () => {
    const orderIds: string[] = [];
    let after: string | null = null;
    do {
      const page: Page<{ orderId: string }> = data(await gw.query(UNBILLED, { currency: 'usd', period: 'CURRENT', first: 1000, after }), 'unbilledLineItems');
      orderIds.push(...page.edges.map((e) => e.node.orderId));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(orderIds).toEqual(book().unbilled(DEFAULT_PARTNER_ID, 'USD', 'current').map((l) => l.orderId));
    expect(orderIds).toHaveLength(UNBILLED_CURRENT_COUNT);
    const query = { provider: 'onetime', invoicelineitemtype: 'billinglineitems', currencycode: 'USD', period: 'current', size: '1000' };
    expect(calls().map((c) => [c.path, c.query, c.token !== undefined])).toEqual([
      ['/v1/invoices/unbilled/lineitems', query, false],
      ['/v1/invoices/unbilled/lineitems', { ...query, seekOperation: 'Next' }, true],
      ['/v1/invoices/unbilled/lineitems', { ...query, seekOperation: 'Next' }, true],
    ]);
  });

  it('serves the previous period in one page', async () => {
    const page: Page<{ kind: string; invoiceNumber: string }> = data(await gw.query(UNBILLED, { currency: 'USD', period: 'PREVIOUS', first: 100 }), 'unbilledLineItems');
    expect(page.edges).toHaveLength(UNBILLED_PREVIOUS_COUNT);
    expect(page.edges.every((e) => e.node.kind === 'ONE_TIME' && e.node.invoiceNumber === '')).toBe(true);
    expect(page.pageInfo.hasNextPage).toBe(false);
  });
});

describe('bad input gets BAD_USER_INPUT before any upstream call', () => {
  it.each([
    ['a malformed invoice id', '{ invoice(id: "../x") { id } }', undefined],
    ['an invoice id with a space', '{ invoice(id: "D04 00005U") { id } }', undefined],
    ['a provider with no lines', `{ invoice(id: "${ONETIME_INVOICE_ID}") { lineItems(provider: NONE) { edges { cursor } } } }`, undefined],
    ['OFFICE usage lines', `{ invoice(id: "${ONETIME_INVOICE_ID}") { lineItems(provider: OFFICE, lineItemType: USAGE_LINE_ITEMS) { edges { cursor } } } }`, undefined],
    ['first 0', '{ invoices(first: 0) { edges { cursor } } }', undefined],
    ['first over the maximum', `{ invoice(id: "${ONETIME_INVOICE_ID}") { lineItems(provider: ONE_TIME, first: 1001) { edges { cursor } } } }`, undefined],
    ['a malformed currency code', '{ unbilledLineItems(currencyCode: "US", period: CURRENT) { edges { cursor } } }', undefined],
    ['a currency code with digits', '{ unbilledLineItems(currencyCode: "U5D", period: CURRENT) { edges { cursor } } }', undefined],
    ['an unknown period (variable)', 'query($p: PartnerCenterUnbilledPeriod!) { unbilledLineItems(currencyCode: "USD", period: $p) { edges { cursor } } }', { p: 'LAST_YEAR' }],
    ['an unknown provider (variable)', `query($p: PartnerCenterBillingProvider!) { invoice(id: "${ONETIME_INVOICE_ID}") { lineItems(provider: $p) { edges { cursor } } } }`, { p: 'AWS' }],
    ['a made-up cursor', '{ invoices(after: "abc.def") { edges { cursor } } }', undefined],
  ])('%s', async (_, query, variables) => {
    const response = await gw.query(query, variables);
    expect(codes(response)).toEqual(['BAD_USER_INPUT']);
    // The invoice itself may be read for a nested lineItems; the lines never are.
    expect(calls().filter((c) => !/^\/v1\/invoices\/[A-Z0-9]+$/.test(c.path))).toEqual([]);
  });

  it('refuses a cursor of another list, another invoice or another provider', async () => {
    const invoices: Page<unknown> = data(await gw.query(INVOICES, { first: 1 }), 'invoices');
    const big: Page<unknown> = data(await gw.query(LINES, { id: BIG_INVOICE_ID, provider: 'ONE_TIME', first: 2 }), 'invoice', 'lineItems');
    const unbilled: Page<unknown> = data(await gw.query(UNBILLED, { currency: 'USD', period: 'CURRENT', first: 2 }), 'unbilledLineItems');
    gw.resetUpstream();
    const attempts = [
      gw.query(LINES, { id: BIG_INVOICE_ID, provider: 'ONE_TIME', after: invoices.pageInfo.endCursor }),
      gw.query(LINES, { id: ONETIME_INVOICE_ID, provider: 'ONE_TIME', after: big.pageInfo.endCursor }),
      gw.query(LINES, { id: BIG_INVOICE_ID, provider: 'AZURE', after: big.pageInfo.endCursor }),
      gw.query(INVOICES, { after: big.pageInfo.endCursor }),
      gw.query(UNBILLED, { currency: 'USD', period: 'PREVIOUS', after: unbilled.pageInfo.endCursor }),
      gw.query(UNBILLED, { currency: 'EUR', period: 'CURRENT', after: unbilled.pageInfo.endCursor }),
    ];
    for (const response of await Promise.all(attempts)) expect(codes(response)).toEqual(['BAD_USER_INPUT']);
    expect(calls().filter((c) => c.path !== `/v1/invoices/${BIG_INVOICE_ID}` && c.path !== `/v1/invoices/${ONETIME_INVOICE_ID}`)).toEqual([]);
  });
});
