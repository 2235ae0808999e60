import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../src/errors.js';
import { SEED_004_CUSTOMER_ID } from '../../src/simulator/constants.js';
import { read } from '../support/markdown.js';
import { TOKEN } from '../support/gateway.js';
import { useGateway } from '../support/shared-gateway.js';

/** docs/errors.md's table, checked against the server: each ✓ row is sent with both Accept headers. */
const A = SEED_004_CUSTOMER_ID;

interface Case {
  row: string;
  body: object;
  headers?: Record<string, string>;
  code: string;
}

const CASES: Case[] = [
  { row: 'no `Authorization`, or not `Bearer <token>`', body: { query: `{ customer(id: "${A}") { id } }` }, headers: { authorization: 'Basic abc' }, code: 'UNAUTHENTICATED' },
  { row: 'customer id not a GUID', body: { query: '{ customer(id: "nope") { id } }' }, code: 'BAD_USER_INPUT' },
  { row: 'a required variable missing, or a variable value of the wrong type', body: { query: 'query($first: Int) { customerList(first: $first) { totalCount } }', variables: { first: 'ten' } }, code: 'BAD_USER_INPUT' },
  { row: 'document that does not parse', body: { query: '{ customer(' }, code: 'GRAPHQL_PARSE_FAILED' },
  { row: 'document that does not validate (an unknown field, an enum literal that does not exist)', body: { query: `{ customer(id: "${A}") { orders(billingCycle: WEEKLY) { id } } }` }, code: 'GRAPHQL_VALIDATION_FAILED' },
  { row: 'document too deep, too many aliases, directives or tokens (`extensions.limit` says which)', body: { query: `{ ${Array.from({ length: 40 }, (_, i) => `a${i}: customer(id: "${A}") { id }`).join(' ')} }` }, code: 'QUERY_TOO_COMPLEX' },
  { row: 'document over the cost limit (`extensions.limit: "cost"`, with the cost)', body: { query: `{ customers(ids: [${Array.from({ length: 100 }, () => `"${A}"`).join(',')}]) { orders { lineItems { offerId product { title } sku { title } } } } }` }, code: 'QUERY_TOO_COMPLEX' },
  { row: 'unknown customer, order, subscription, product, SKU or invoice; no provisioning information', body: { query: '{ customer(id: "00000000-0000-0000-0000-000000000001") { companyProfile { companyName } } }' }, code: 'NOT_FOUND' },
  { row: 'persisted query hash the gateway does not know (APQ)', body: { extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } }, code: 'PERSISTED_QUERY_NOT_FOUND' },
  { row: 'persisted query text whose sha256 is not the hash sent', body: { query: '{ __typename }', extensions: { persistedQuery: { version: 1, sha256Hash: createHash('sha256').update('{ other }').digest('hex') } } }, code: 'PERSISTED_QUERY_MISMATCH' },
];

interface Row {
  code: string;
  json: string;
  graphqlResponse: string;
  tested: boolean;
}

function table(): Map<string, Row> {
  const rows = new Map<string, Row>();
  for (const line of read('docs/errors.md').split('\n')) {
    const cells = line.split(' | ').map((cell) => cell.replace(/^\| ?| ?\|$/g, '').trim());
    if (cells.length !== 6 || cells[0] === 'situation' || cells[0]!.startsWith('---')) continue;
    rows.set(cells[0]!, { code: cells[1]!, json: cells[2]!, graphqlResponse: cells[3]!, tested: cells[5] === '✓' });
  }
  return rows;
}

const gw = useGateway({ env: { MAX_QUERY_COST: '1000' } });

async function send(body: object, accept: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${gw.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept, authorization: TOKEN, ...headers },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
  return { status: String(response.status), code: json.errors?.[0]?.extensions?.code };
}

describe('docs/errors.md', () => {
  const rows = table();

  it('names every code of the catalogue', () => {
    const documented = [...rows.values()].map((row) => row.code).join(' ');
    expect(Object.values(ErrorCode).filter((code) => !documented.includes(`\`${code}\``))).toEqual([]);
  });

  it('has a test case for every row marked tested, and only for those', () => {
    expect(CASES.map((c) => c.row).sort()).toEqual([...rows].filter(([, row]) => row.tested).map(([name]) => name).sort());
  });

  it.each(CASES.map((c) => [c.row, c] as const))('%s: the documented code and statuses', async (_row, c) => {
    const row = rows.get(c.row)!;
    expect(row.code).toContain(`\`${c.code}\``);
    const json = await send(c.body, 'application/json', c.headers);
    const strict = await send(c.body, 'application/graphql-response+json', c.headers);
    expect([json.code, json.status]).toEqual([c.code, row.json]);
    expect([strict.code, strict.status]).toEqual([c.code, row.graphqlResponse]);
  });
});
