import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PARTNER_ID } from '../../src/simulator/constants.js';
import { startGateway, type GraphQLResponse, type TestGateway } from '../support/gateway.js';
import { useGateway } from '../support/shared-gateway.js';

interface Page {
  edges: { cursor: string; node: { id: string } }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: number | null;
}

const LIST = `query($first: Int, $after: String, $name: String) {
  customerList(first: $first, after: $after, companyNameStartsWith: $name) {
    edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } totalCount } }`;

const gw = useGateway({}, { clearFaults: true });
let all: { id: string; companyName: string }[];
beforeAll(() => {
  all = gw.sim.data.customersOf(DEFAULT_PARTNER_ID).map((r) => ({ id: r.customer.id, companyName: r.customer.companyProfile.companyName }));
});

const page = (response: GraphQLResponse) => {
  expect(response.body.errors).toBeUndefined();
  return response.body.data!.customerList as Page;
};
const ids = (p: Page) => p.edges.map((e) => e.node.id);

/** Walks the list page by page, asserting that every page costs exactly one upstream call. */
async function walk(first: number, name?: string): Promise<{ pages: Page[]; calls: ReturnType<TestGateway['upstream']>[number][] }> {
  const pages: Page[] = [];
  const calls = [];
  let after: string | null = null;
  do {
    gw.resetUpstream();
    const current = page(await gw.query(LIST, { first, after, ...(name === undefined ? {} : { name }) }));
    expect(gw.upstream()).toHaveLength(1);
    calls.push(gw.upstream()[0]!);
    pages.push(current);
    after = current.pageInfo.hasNextPage ? current.pageInfo.endCursor : null;
  } while (after !== null && pages.length < 100);
  return { pages, calls };
}

describe('customerList paging', () => {
  it('walks every customer of the partner exactly once, in order, one upstream call per page', async () => {
    expect(all).toHaveLength(45);
    const { pages, calls } = await walk(7);
    expect(pages.flatMap(ids)).toEqual(all.map((c) => c.id));
    expect(pages.map((p) => p.edges.length)).toEqual([7, 7, 7, 7, 7, 7, 3]);
    expect(calls[0]).toMatchObject({ path: '/v1/customers', query: { size: '7' } });
    expect(calls[0]!.headers['ms-continuationtoken']).toBeUndefined();
    for (const call of calls.slice(1)) {
      // The next link, followed as given: its uri (without /v1 in the simulator) and its continuation header.
      expect(call).toMatchObject({ path: '/v1/customers', query: { size: '7', seekOperation: 'Next' } });
      expect(call.headers['ms-continuationtoken']).toMatch(/^[\w-]+\.[\w-]+$/);
    }
    expect(pages.map((p) => p.pageInfo.hasNextPage)).toEqual([true, true, true, true, true, true, false]);
    expect(pages.map((p) => p.pageInfo.hasPreviousPage)).toEqual([false, true, true, true, true, true, true]);
    expect(pages.every((p) => p.totalCount === null)).toBe(true);
  });

  it('a list that fits one page says so: hasNextPage false, totalCount known, one call', async () => {
    const only = page(await gw.query(LIST, { first: 100 }));
    expect(ids(only)).toEqual(all.map((c) => c.id));
    expect(only.pageInfo.hasNextPage).toBe(false);
    expect(only.totalCount).toBe(45);
    expect(gw.upstream().map((c) => c.query)).toEqual([{ size: '100' }]);
  });

  it('the cursor after the last customer gives an empty page with no upstream call', async () => {
    const last = page(await gw.query(LIST, { first: 100 }));
    gw.resetUpstream();
    const after = page(await gw.query(LIST, { first: 5, after: last.pageInfo.endCursor }));
    expect(after).toEqual({
      edges: [],
      pageInfo: { hasNextPage: false, hasPreviousPage: true, startCursor: null, endCursor: null },
      totalCount: null,
    });
    expect(gw.upstream()).toHaveLength(0);
  });

  it('an edge cursor in the middle of a page continues right after that edge (one call)', async () => {
    const first = page(await gw.query(LIST, { first: 5 }));
    gw.resetUpstream();
    const next = page(await gw.query(LIST, { first: 2, after: first.edges[2]!.cursor }));
    expect(ids(next)).toEqual(all.slice(3, 5).map((c) => c.id));
    expect(next.pageInfo.hasNextPage).toBe(true);
    expect(gw.upstream().map((c) => c.query)).toEqual([{ size: '5' }]);
    // …and its end cursor (the end of that upstream page) moves on to the next page.
    gw.resetUpstream();
    const then = page(await gw.query(LIST, { first: 5, after: next.pageInfo.endCursor }));
    expect(ids(then)).toEqual(all.slice(5, 10).map((c) => c.id));
    expect(gw.upstream()).toHaveLength(1);
  });

  it('after a cursor, first is at most the size the list was opened with (Partner Center keeps it)', async () => {
    const first = page(await gw.query(LIST, { first: 4 }));
    const next = page(await gw.query(LIST, { first: 10, after: first.pageInfo.endCursor }));
    expect(ids(next)).toEqual(all.slice(4, 8).map((c) => c.id));
  });
});

describe('customerList filter', () => {
  it('sends companyNameStartsWith as Partner Center\'s starts_with filter and pages through the matches', async () => {
    // The most common first letter, so the matches span several pages.
    const counts = new Map<string, number>();
    for (const c of all) counts.set(c.companyName[0]!.toLowerCase(), (counts.get(c.companyName[0]!.toLowerCase()) ?? 0) + 1);
    const [letter, count] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
    expect(count).toBeGreaterThan(2);
    const expected = all.filter((c) => c.companyName.toLowerCase().startsWith(letter)).map((c) => c.id);
    const { pages, calls } = await walk(2, letter.toUpperCase());
    expect(pages.flatMap(ids)).toEqual(expected);
    expect(JSON.parse(calls[0]!.query.filter!)).toEqual({ Field: 'CompanyName', Value: letter.toUpperCase(), Operator: 'starts_with' });
    expect(calls[0]!.query.size).toBe('2');
  });

  it('a filter that matches nothing is an empty page: no edges, no next page, totalCount 0', async () => {
    const empty = page(await gw.query(LIST, { first: 10, name: 'Zzz no such company' }));
    expect(empty).toEqual({
      edges: [],
      pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
      totalCount: 0,
    });
    expect(gw.upstream()).toHaveLength(1);
  });

  it('a cursor is bound to its filter: another filter with it is BAD_USER_INPUT, no upstream call', async () => {
    const first = page(await gw.query(LIST, { first: 2 }));
    gw.resetUpstream();
    const response = await gw.query(LIST, { first: 2, after: first.pageInfo.endCursor, name: 'Re' });
    expect(response.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'companyNameStartsWith' });
    expect(gw.upstream()).toHaveLength(0);
  });
});

describe('customerList input checks: BAD_USER_INPUT, no upstream call', () => {
  it.each([
    ['first 0', { first: 0 }, 'first'],
    ['first 101', { first: 101 }, 'first'],
    ['an empty filter', { name: '' }, 'companyNameStartsWith'],
    ['a filter of 101 characters', { name: 'x'.repeat(101) }, 'companyNameStartsWith'],
    ['a malformed cursor', { after: 'not-a-cursor' }, 'after'],
  ])('%s', async (_, variables, argument) => {
    const response = await gw.query(LIST, variables);
    expect(response.body.data).toEqual({ customerList: null });
    expect(response.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
    expect(gw.upstream()).toHaveLength(0);
  });

  it('a tampered cursor is refused', async () => {
    const cursor = page(await gw.query(LIST, { first: 3 })).pageInfo.endCursor!;
    const [payload, mac] = cursor.split('.') as [string, string];
    const state = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const forged = `${Buffer.from(JSON.stringify({ ...state, skip: 0, size: 100 })).toString('base64url')}.${mac}`;
    for (const bad of [forged, `${payload}.${mac.slice(0, -2)}AA`, `${payload}.${mac}.x`]) {
      gw.resetUpstream();
      const response = await gw.query(LIST, { first: 3, after: bad });
      expect(response.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
      expect(gw.upstream()).toHaveLength(0);
    }
  });

  it('a cursor from a deployment with another CURSOR_SECRET is refused; one with the same secret is accepted', async () => {
    const secret = 's'.repeat(40);
    const [issuer, sibling, stranger] = await Promise.all([
      startGateway({ env: { CURSOR_SECRET: secret } }),
      startGateway({ env: { CURSOR_SECRET: secret } }),
      startGateway(),
    ]);
    try {
      // A cursor inside the first page: resuming re-reads that page, which each replica's simulator serves alike.
      const cursor = page(await issuer.query(LIST, { first: 4 })).edges[1]!.cursor;
      const accepted = page(await sibling.query(LIST, { first: 2, after: cursor }));
      expect(ids(accepted)).toEqual(all.slice(2, 4).map((c) => c.id));
      const refused = await stranger.query(LIST, { first: 2, after: cursor });
      expect(refused.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
      expect(stranger.upstream()).toHaveLength(0);
    } finally {
      await Promise.all([issuer.close(), sibling.close(), stranger.close()]);
    }
  });
});
