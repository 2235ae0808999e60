import fc from 'fast-check';
import { Agent, request } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';
import { SEED_000_CUSTOMER_ID, SEED_004_CUSTOMER_ID } from '../../src/simulator/constants.js';
import { TOKEN } from '../support/gateway.js';
import { useGateway } from '../support/shared-gateway.js';

/**
 * Property-based fuzzing of what reaches the server: whatever arrives, the answer is a GraphQL
 * response with a 2xx/4xx status, coded errors and never INTERNAL_SERVER_ERROR (a bug), within a
 * time limit (a hang fails the run). Fixed seed: the same inputs on every run.
 */
const SEED = 20_261_122;
const RUNS = 120;

const gw = useGateway({ env: { LOG_LEVEL: 'fatal' } });
const client = new Agent({ headersTimeout: 5000, bodyTimeout: 5000 });
let inputs = 0;
afterAll(async () => {
  await client.close();
  process.stdout.write(`fuzz: ${inputs} inputs\n`);
});

async function send(method: string, headers: Record<string, string>, body?: string | Buffer, search = '') {
  inputs += 1;
  const response = await request(`${gw.url}/graphql${search}`, { method: method as 'POST', headers, body, dispatcher: client });
  const text = await response.body.text();
  return { status: response.statusCode, type: String(response.headers['content-type'] ?? ''), text };
}

function expectGraphQLAnswer(answer: { status: number; type: string; text: string }) {
  expect(answer.status, answer.text).toBeLessThan(500);
  if (answer.status === 405 || answer.status === 415 || answer.status === 406) return; // method / media type refusals
  if (!answer.type.includes('json')) return;
  const body = JSON.parse(answer.text) as { data?: unknown; errors?: { extensions?: { code?: unknown } }[] };
  expect('data' in body || Array.isArray(body.errors), answer.text).toBe(true);
  for (const error of body.errors ?? []) {
    expect(typeof error.extensions?.code, answer.text).toBe('string');
    expect(error.extensions?.code, answer.text).not.toBe('INTERNAL_SERVER_ERROR');
  }
}

const id = fc.oneof(
  fc.constantFrom(SEED_004_CUSTOMER_ID, SEED_000_CUSTOMER_ID, '00000000-1111-4222-8333-444444444444', '../../admin', ''),
  fc.uuid(),
  fc.string({ maxLength: 60 }),
);
const cycle = fc.constantFrom('MONTHLY', 'ONE_TIME', 'UNKNOWN', 'NONE', 'WEEKLY', '"monthly"', 'null', '1');
const lineItems = fc.subarray(['offerId', 'quantity', 'termDuration', 'provisioningContext { key value }', 'nope'], { minLength: 1 });
const orderFields = fc.tuple(fc.subarray(['id', 'billingCycle', 'status', 'creationDate', 'customerId'], { minLength: 1 }), lineItems).map(
  ([fields, items]) => `${fields.join(' ')} lineItems { ${items.join(' ')} }`,
);
const customerFields = fc
  .tuple(fc.subarray(['id', 'commerceId', 'relationshipToPartner', 'companyProfile { companyName email }', 'billingProfile { email }']), fc.option(cycle), fc.option(orderFields))
  .map(([fields, c, orders]) => `${fields.join(' ')} ${orders ? `orders${c ? `(billingCycle: ${c})` : ''} { ${orders} }` : ''} __typename`);
const document = fc.oneof(
  fc.tuple(id, customerFields).map(([i, f]) => `{ customer(id: ${JSON.stringify(i)}) { ${f} } }`),
  fc.tuple(fc.array(id, { maxLength: 6 }), customerFields).map(([ids, f]) => `{ customers(ids: ${JSON.stringify(ids)}) { ${f} } }`),
  fc.tuple(fc.string({ maxLength: 30 }), customerFields).map(([v, f]) => `query($x: ID!) { customer(id: $x) { ${f} } } # ${v.replaceAll('\n', ' ')}`),
);

describe('fuzzing', () => {
  it('random text as a GraphQL document', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 300 }), async (text) => {
        expectGraphQLAnswer(await send('POST', { 'content-type': 'application/json', authorization: TOKEN }, JSON.stringify({ query: text })));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('documents built from the schema, with hostile arguments and variables', async () => {
    await fc.assert(
      fc.asyncProperty(document, fc.jsonValue({ maxDepth: 2 }), async (query, variables) => {
        const body = JSON.stringify({ query, variables: { x: variables } });
        expectGraphQLAnswer(await send('POST', { 'content-type': 'application/json', authorization: TOKEN }, body));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('raw HTTP: any method, content type, body and query string', async () => {
    const method = fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS');
    const contentType = fc.constantFrom('application/json', 'application/graphql', 'application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data', '');
    const body = fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)), fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)));
    const search = fc.oneof(fc.constant(''), fc.string({ maxLength: 40 }).map((q) => `?query=${encodeURIComponent(q)}`), fc.constant('?query=%7B__typename%7D&variables=%7B'));
    await fc.assert(
      fc.asyncProperty(method, contentType, body, search, fc.boolean(), async (m, type, payload, query, csrf) => {
        const headers: Record<string, string> = { authorization: TOKEN, accept: 'application/json' };
        if (type) headers['content-type'] = type;
        if (csrf) headers['x-graphql-csrf'] = '1';
        const hasBody = m !== 'GET' && m !== 'OPTIONS';
        expectGraphQLAnswer(await send(m, headers, hasBody ? payload : undefined, query));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
