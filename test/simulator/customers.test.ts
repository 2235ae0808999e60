import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_PARTNER_ID, FOREIGN_CUSTOMER_ID, OTHER_PARTNER_ID, SEED_004_CUSTOMER_ID,
} from '../../src/simulator/simulator.js';
import { AUTH, get, header, start, type Got, type Started } from './helpers.js';

let s: Started;
beforeAll(async () => { s = await start(); });
afterAll(async () => { await s.close(); });

interface Page {
  totalCount: number;
  items: { id: string; companyProfile: { companyName: string; domain: string; tenantId: string } }[];
  continuationToken?: string;
  links: { self: { uri: string }; next?: { uri: string; method: string; headers: { key: string; value: string }[] } };
}

/** Follows links.next the way a client must: GET its uri under /v1 with every header it lists. */
async function walk(base: string, firstPath: string, auth = AUTH): Promise<Page[]> {
  const pages: Page[] = [];
  let path: string | undefined = firstPath;
  let headers: Record<string, string> = auth;
  while (path !== undefined) {
    const r: Got<Page> = await get<Page>(base, path, headers);
    expect(r.status).toBe(200);
    pages.push(r.body);
    const next: Page['links']['next'] = r.body.links.next;
    path = next ? `/v1${next.uri}` : undefined;
    headers = { ...auth, ...Object.fromEntries((next?.headers ?? []).map((h) => [h.key, h.value])) };
  }
  return pages;
}

describe('GET /v1/customers/{id}', () => {
  it('returns the full Customer shape', async () => {
    const r = await get(s.url, `/v1/customers/${SEED_004_CUSTOMER_ID}`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      id: SEED_004_CUSTOMER_ID,
      companyProfile: { tenantId: SEED_004_CUSTOMER_ID, domain: 'relecloud.onmicrosoft.com', companyName: 'Relecloud' },
      billingProfile: { attributes: { objectType: 'CustomerBillingProfile' } },
      relationshipToPartner: 'reseller',
      allowDelegatedAccess: true,
      links: { self: { uri: `/customers/${SEED_004_CUSTOMER_ID}`, method: 'GET', headers: [] } },
      attributes: { objectType: 'Customer' },
    });
    expect(typeof r.body.commerceId).toBe('string');
    expect(typeof r.body.billingProfile.attributes.etag).toBe('string');
    expect(r.body).toEqual(s.sim.data.findCustomer(SEED_004_CUSTOMER_ID)?.customer);
  });

  it.each([
    ['/v1/customers/not-a-guid', 400, 900118, 'Invalid Customer Id'],
    ['/v1/customers/not-a-guid/orders', 400, 900118, 'Invalid Customer Id'],
    ['/v1/customers/00000000-0000-4000-8000-000000000000', 404, 60003, 'Tenant not found'],
    ['/v1/customers/00000000-0000-4000-8000-000000000000/subscriptions', 404, 60003, 'Tenant not found'],
    [`/v1/customers/${FOREIGN_CUSTOMER_ID}`, 403, 20002, 'No relationship between caller and account.'],
    [`/v1/customers/${FOREIGN_CUSTOMER_ID}/orders?billingType=monthly`, 403, 20002, 'No relationship between caller and account.'],
  ])('%s → %i %i', async (path, status, code, description) => {
    const r = await get(s.url, path);
    expect(r.status).toBe(status);
    expect(r.body).toEqual({ code, description, data: [], source: 'PartnerFD' });
  });
});

describe('authentication', () => {
  it.each([
    ['missing', {}],
    ['not Bearer', { authorization: 'Basic dXNlcjpwYXNz' }],
    ['empty Bearer', { authorization: 'Bearer ' }],
  ])('401 800001 when the token is %s', async (_label, headers) => {
    const r = await get(s.url, `/v1/customers/${SEED_004_CUSTOMER_ID}/orders`, headers as Record<string, string>);
    expect(r.status).toBe(401);
    expect(r.body).toEqual({ code: 800001, description: 'Partner Token missing in request context', data: [], source: 'PartnerFD' });
    expect(header(r, 'www-authenticate')).toMatch(/^OAuth realm=urn:cpsvc:cpid:/);
  });

  it('maps tokens to partners when a token table is given', async () => {
    const t = await start({ tokens: { mine: DEFAULT_PARTNER_ID, theirs: OTHER_PARTNER_ID } });
    try {
      const unknown = await get(t.url, `/v1/customers/${SEED_004_CUSTOMER_ID}`, { authorization: 'Bearer nope' });
      expect(unknown.status).toBe(401);
      expect(unknown.body).toMatchObject({ code: 400, description: 'Access denied' });
      expect((await get(t.url, `/v1/customers/${SEED_004_CUSTOMER_ID}`, { authorization: 'Bearer mine' })).status).toBe(200);
      const theirs = { authorization: 'Bearer theirs' };
      expect((await get(t.url, `/v1/customers/${FOREIGN_CUSTOMER_ID}/orders`, theirs)).status).toBe(200);
      expect((await get(t.url, `/v1/customers/${SEED_004_CUSTOMER_ID}`, theirs)).status).toBe(403);
      const pages = await walk(t.url, '/v1/customers?size=10', theirs);
      expect(pages.flatMap((p) => p.items.map((i) => i.id))).toEqual([FOREIGN_CUSTOMER_ID]);
    } finally {
      await t.close();
    }
  });
});

describe('GET /v1/customers paging', () => {
  it('walks every customer of the partner exactly once', async () => {
    const pages = await walk(s.url, '/v1/customers?size=7');
    const seen = pages.flatMap((p) => p.items.map((i) => i.id));
    const expected = s.sim.data.customersOf(DEFAULT_PARTNER_ID).map((r) => r.customer.id);
    expect(seen).toEqual(expected);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).not.toContain(FOREIGN_CUSTOMER_ID);
    expect(pages.length).toBe(Math.ceil(expected.length / 7));
    for (const page of pages) expect(page.totalCount).toBe(page.items.length);
    const first = pages[0]!;
    expect(first.links.next).toMatchObject({ uri: '/customers?size=7&seekOperation=Next', method: 'GET' });
    expect(first.links.next?.headers).toEqual([{ key: 'MS-ContinuationToken', value: first.continuationToken }]);
    expect(pages.at(-1)?.links.next).toBeUndefined();
    expect(pages.at(-1)?.continuationToken).toBeUndefined();
  });

  it('returns list items in the slim shape', async () => {
    const r = await get<Page>(s.url, '/v1/customers?size=1');
    expect(Object.keys(r.body.items[0]!)).toEqual(['id', 'companyProfile', 'relationshipToPartner', 'attributes']);
    expect(Object.keys(r.body.items[0]!.companyProfile)).toEqual(['tenantId', 'domain', 'companyName']);
  });

  it('defaults size 0 or missing to 200 and validates size', async () => {
    const total = s.sim.data.customersOf(DEFAULT_PARTNER_ID).length;
    for (const path of ['/v1/customers', '/v1/customers?size=0']) {
      const r = await get<Page>(s.url, path);
      expect(r.body.totalCount).toBe(total);
      expect(r.body.links.next).toBeUndefined();
    }
    for (const size of ['1001', '-1', 'abc', '2.5']) {
      const r = await get(s.url, `/v1/customers?size=${size}`);
      expect(r.status).toBe(400);
      expect(r.body.code).toBe(800002);
    }
  });

  it('applies a starts_with filter across pages', async () => {
    const filter = encodeURIComponent(JSON.stringify({ Field: 'CompanyName', Value: 'co', Operator: 'starts_with' }));
    const pages = await walk(s.url, `/v1/customers?size=2&filter=${filter}`);
    const names = pages.flatMap((p) => p.items.map((i) => i.companyProfile.companyName));
    const expected = s.sim.data.customersOf(DEFAULT_PARTNER_ID)
      .map((r) => r.customer.companyProfile.companyName)
      .filter((n) => n.toLowerCase().startsWith('co'));
    expect(expected.length).toBeGreaterThan(2);
    expect(names).toEqual(expected);
    const bad = await get(s.url, `/v1/customers?filter=${encodeURIComponent('{"Field":"Nope"')}`);
    expect(bad.status).toBe(400);
  });

  it('rejects tampered, missing and foreign continuation tokens with 400 800002', async () => {
    const first = await get<Page>(s.url, '/v1/customers?size=5');
    const token = first.body.continuationToken!;
    const tampered = token.slice(0, 10) + (token[10] === 'A' ? 'B' : 'A') + token.slice(11);
    const other = await start();
    try {
      const foreign = (await get<Page>(other.url, '/v1/customers?size=5')).body.continuationToken!;
      for (const bad of [tampered, 'garbage', foreign]) {
        const r = await get(s.url, '/v1/customers?size=5&seekOperation=Next', { ...AUTH, 'MS-ContinuationToken': bad });
        expect(r.status).toBe(400);
        expect(r.body).toEqual({ code: 800002, description: 'Invalid continuation token', data: [], source: 'PartnerFD' });
      }
    } finally {
      await other.close();
    }
    const missing = await get(s.url, '/v1/customers?size=5&seekOperation=Next');
    expect(missing.status).toBe(400);
    // A hand-built seek call without size uses the token's page size.
    const handBuilt = await get<Page>(s.url, '/v1/customers?seekOperation=Next', { ...AUTH, 'MS-ContinuationToken': token });
    expect(handBuilt.body.totalCount).toBe(5);
  });
});
