import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { TOKEN } from '../support/gateway.js';
import { useGateway } from '../support/shared-gateway.js';

const gw = useGateway();

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const CUSTOMER = '{ customer(id: "b0d70a69-4c42-4b27-b17b-91a835d8686a") { id orders(billingCycle: ONE_TIME) { id } } }';

/** One APQ request as Apollo's link sends it: the hash always, the text only when given. */
async function send(hash: string, query?: string, authorization: string | null = TOKEN) {
  const response = await fetch(`${gw.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization === null ? {} : { authorization }) },
    body: JSON.stringify({ ...(query ? { query } : {}), extensions: { persistedQuery: { version: 1, sha256Hash: hash } } }),
  });
  const body = (await response.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
  return { status: response.status, codes: (body.errors ?? []).map((error) => error.extensions?.code), data: body.data };
}

describe('automatic persisted queries', () => {
  it('a stored text is only a text: a hash without a token is still UNAUTHENTICATED, with no upstream call', async () => {
    const hash = sha256(CUSTOMER);
    expect((await send(hash, CUSTOMER)).status).toBe(200);
    gw.resetUpstream();
    expect(await send(hash, undefined, null)).toEqual({ status: 401, codes: ['UNAUTHENTICATED'], data: undefined });
    expect(gw.upstream()).toEqual([]);
  });

  it('runs a text longer than the store keeps, but never persists it, so the store stays bounded', async () => {
    // A comment pads the text past 10000 characters without adding a token (MAX_QUERY_TOKENS).
    const query = `# ${'x'.repeat(10_000)}\n{ __typename }`;
    const hash = sha256(query);
    expect(await send(hash, query)).toEqual({ status: 200, codes: [], data: { __typename: 'Query' } });
    expect(await send(hash)).toEqual({ status: 404, codes: ['PERSISTED_QUERY_NOT_FOUND'], data: undefined });
  });

  it('keeps a text of ordinary size', async () => {
    const query = `# ${'x'.repeat(9_000)}\n{ __typename }`;
    const hash = sha256(query);
    expect(await send(hash, query)).toEqual({ status: 200, codes: [], data: { __typename: 'Query' } });
    expect(await send(hash)).toEqual({ status: 200, codes: [], data: { __typename: 'Query' } });
  });
});
