import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PARTNER_ID } from '../../src/simulator/constants.js';
import type { Customer } from '../../src/simulator/types.js';
import { dataOf } from '../support/data-of.js';
import { useGateway } from '../support/shared-gateway.js';

const gw = useGateway({}, { clearFaults: true });
let first5: Customer[];
beforeAll(() => {
  first5 = gw.sim.data.customersOf(DEFAULT_PARTNER_ID).slice(0, 5).map((r) => r.customer);
});

const nodes = (selection: string) => `{ customerList(first: 5) { edges { node { id ${selection} } } } }`;
const paths = () => gw.upstream().map((c) => c.path).sort();
const byIdCalls = () => first5.map((c) => `/v1/customers/${c.id}`);

describe('customerList nodes are primed with the list item', () => {
  it('tenantId, domain, companyName and relationshipToPartner cost nothing beyond the page', async () => {
    const { body } = await gw.query(nodes('relationshipToPartner companyProfile { tenantId domain companyName }'));
    expect(body.errors).toBeUndefined();
    expect((body.data!.customerList as { edges: { node: unknown }[] }).edges.map((e) => e.node)).toEqual(
      first5.map((c) => ({
        id: c.id,
        relationshipToPartner: c.relationshipToPartner.toUpperCase(),
        companyProfile: { tenantId: c.id, domain: c.companyProfile.domain, companyName: c.companyProfile.companyName },
      })),
    );
    expect(paths()).toEqual(['/v1/customers']);
  });

  it.each([
    ['billingProfile', 'billingProfile { email }', (c: Customer) => ({ billingProfile: { email: c.billingProfile.email } })],
    ['companyProfile.email', 'companyProfile { companyName email }', (c: Customer) => ({ companyProfile: { companyName: c.companyProfile.companyName, email: c.companyProfile.email ?? null } })],
    ['companyProfile.address', 'companyProfile { address { city } }', (c: Customer) => ({ companyProfile: { address: c.companyProfile.address ? { city: c.companyProfile.address.city } : null } })],
    ['allowDelegatedAccess', 'allowDelegatedAccess', (c: Customer) => ({ allowDelegatedAccess: c.allowDelegatedAccess })],
    ['commerceId', 'commerceId', (c: Customer) => ({ commerceId: c.commerceId })],
  ])('%s is not in list items: one GET /v1/customers/{id} per customer', async (_, selection, expected) => {
    const { body } = await gw.query(nodes(selection));
    expect(body.errors).toBeUndefined();
    expect((body.data!.customerList as { edges: { node: unknown }[] }).edges.map((e) => e.node)).toEqual(first5.map((c) => ({ id: c.id, ...expected(c) })));
    expect(paths()).toEqual(['/v1/customers', ...byIdCalls()].sort());
  });

  it('all profile fields together still cost one GET per customer', async () => {
    const { body } = await gw.query(nodes('commerceId allowDelegatedAccess relationshipToPartner billingProfile { email } companyProfile { companyName email }'));
    expect(body.errors).toBeUndefined();
    expect(paths()).toEqual(['/v1/customers', ...byIdCalls()].sort());
  });

  it('orders cost one order list per customer and no GET of the customer', async () => {
    const { body } = await gw.query(nodes('orders { id }'));
    expect(body.errors).toBeUndefined();
    expect(paths()).toEqual(['/v1/customers', ...first5.map((c) => `/v1/customers/${c.id}/orders`)].sort());
  });
});

describe('customerList upstream failures', () => {
  it('a refused page is a coded error that nulls only the connection', async () => {
    gw.sim.inject({ match: { route: 'customers' }, fault: { kind: 'status', status: 403, code: 2032, description: 'Access denied' } });
    const { body } = await gw.query(nodes(''));
    expect(body.data).toEqual({ customerList: null });
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', upstream: { status: 403, code: '2032' } });
  });

  const item = () => ({ id: first5[0]!.id, companyProfile: { tenantId: first5[0]!.id, companyName: 'X', domain: 'x.example' } });
  it.each([
    ['on another host', { uri: 'https://evil.example/v1/customers?size=5', headers: [] }],
    ['protocol-relative', { uri: '//evil.example/v1/customers', headers: [] }],
    ['to another resource', { uri: `/customers/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}/orders`, headers: [] }],
    ['climbing out of /v1', { uri: '/v1/customers/../../admin', headers: [] }],
    ['with an Authorization header', { uri: '/customers?seekOperation=Next', headers: [{ key: 'Authorization', value: 'Bearer stolen' }] }],
    ['with a header value holding a line break', { uri: '/customers?seekOperation=Next', headers: [{ key: 'MS-ContinuationToken', value: 'a\r\nx: y' }] }],
  ])('a next link %s is never followed: the page is UPSTREAM_ERROR', async (_, next) => {
    const body = JSON.stringify({ totalCount: 1, items: [item()], links: { next: { method: 'GET', ...next } } });
    gw.sim.inject({ match: { route: 'customers' }, times: 1, fault: { kind: 'raw', status: 200, body } });
    const response = await gw.query(nodes(''));
    expect(response.body.errors![0]!.extensions).toMatchObject({ code: 'UPSTREAM_ERROR', upstream: { status: 200 } });
    expect(paths()).toEqual(['/v1/customers']);
  });

  it('a next link with /v1 in its uri is followed as well as one without', async () => {
    const real = dataOf(await gw.query('{ customerList(first: 2) { pageInfo { endCursor } } }')).customerList as { pageInfo: { endCursor: string } };
    const state = JSON.parse(Buffer.from(real.pageInfo.endCursor.split('.')[0]!, 'base64url').toString()) as { page: { headers: unknown[] } };
    const body = JSON.stringify({
      totalCount: 2,
      items: first5.slice(0, 2).map((c) => ({ id: c.id, companyProfile: { tenantId: c.id, companyName: c.companyProfile.companyName, domain: c.companyProfile.domain } })),
      links: { next: { uri: '/v1/customers?size=2&seekOperation=Next', method: 'GET', headers: state.page.headers } },
    });
    gw.sim.inject({ match: { route: 'customers' }, times: 1, fault: { kind: 'raw', status: 200, body } });
    const opened = dataOf(await gw.query('{ customerList(first: 2) { pageInfo { endCursor } } }')).customerList as { pageInfo: { endCursor: string } };
    gw.resetUpstream();
    const { body: next } = await gw.query(`{ customerList(first: 2, after: "${opened.pageInfo.endCursor}") { edges { node { id } } } }`);
    expect((dataOf(next).customerList as { edges: { node: { id: string } }[] }).edges.map((e) => e.node.id)).toEqual(first5.slice(2, 4).map((c) => c.id));
    expect(gw.upstream().map((c) => [c.path, c.query])).toEqual([['/v1/customers', { size: '2', seekOperation: 'Next' }]]);
  });
});
