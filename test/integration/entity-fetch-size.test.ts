import { Readable } from 'node:stream';
import { request } from 'undici';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIG_CUSTOMER_ID, BIG_CUSTOMER_ORDER_COUNT } from '../../src/simulator/constants.js';
import { dataOf } from '../support/data-of.js';
import { TOKEN } from '../support/gateway.js';
import { useGateway } from '../support/shared-gateway.js';

const ENTITIES = 'query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Order { id billingCycle } } }';

const gw = useGateway();
let representations: { __typename: 'Order'; customerId: string; id: string }[];
beforeAll(async () => {
  const { body } = await gw.query(`{ customer(id: "${BIG_CUSTOMER_ID}") { orders { id } } }`);
  const orders = (dataOf(body).customer as { orders: { id: string }[] }).orders;
  representations = orders.map((o) => ({ __typename: 'Order', customerId: BIG_CUSTOMER_ID, id: o.id }));
});

async function post(body: string, chunked = false) {
  const response = await request(`${gw.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: TOKEN },
    // A stream has no known length: undici sends it chunked, and the gateway counts it as it arrives.
    body: chunked ? Readable.from(Array.from({ length: Math.ceil(body.length / 8192) }, (_, i) => Buffer.from(body.slice(i * 8192, (i + 1) * 8192)))) : body,
  });
  return { status: response.statusCode, body: (await response.body.json()) as { data?: Record<string, unknown>; errors?: { extensions: { code: string } }[] } };
}

describe('entity fetches get MAX_ENTITIES_REQUEST_BYTES, everything else MAX_REQUEST_BYTES', () => {
  for (const chunked of [false, true]) {
    it(`serves a router's _entities fetch of a 2,000-order customer (over 100 kB) from one list call${chunked ? ', chunked' : ''}`, async () => {
      expect(representations).toHaveLength(BIG_CUSTOMER_ORDER_COUNT);
      const text = JSON.stringify({ query: ENTITIES, variables: { representations } });
      expect(text.length).toBeGreaterThan(gw.config.limits.maxRequestBytes);
      const { status, body } = await post(text, chunked);
      expect([status, body.errors]).toEqual([200, undefined]);
      expect((body.data!._entities as { id: string }[]).map((o) => o.id)).toEqual(representations.map((r) => r.id));
      expect(gw.upstream().map((c) => c.path)).toEqual([`/v1/customers/${BIG_CUSTOMER_ID}/orders`]);
    });

    it(`refuses any other operation over MAX_REQUEST_BYTES with 413 and no upstream call${chunked ? ', chunked' : ''}`, async () => {
      const pad = 'x'.repeat(gw.config.limits.maxRequestBytes);
      const plain = await post(JSON.stringify({ query: `{ customer(id: "${BIG_CUSTOMER_ID}") { id } }`, variables: { pad } }), chunked);
      // Beside _entities in one operation, the large limit does not apply either (just over MAX_REQUEST_BYTES).
      const r = representations.slice(0, 1000);
      const mixed = await post(JSON.stringify({ query: `query($r: [_Any!]!) { _entities(representations: $r) { __typename } customer(id: "${BIG_CUSTOMER_ID}") { id } }`, variables: { r } }), chunked);
      for (const { status, body } of [plain, mixed]) {
        expect([status, body.data, body.errors!.map((e) => e.extensions.code)]).toEqual([413, undefined, ['REQUEST_ENTITY_TOO_LARGE']]);
      }
      expect(gw.upstream()).toHaveLength(0);
    });
  }

  it('reads no more than MAX_REQUEST_BYTES of a body that does not open with an entity fetch: 413 while the rest is unsent', async () => {
    const limit = gw.config.limits.maxRequestBytes;
    const head = Buffer.from(JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(limit) } }).slice(0, limit + 1));
    let sendRest!: () => void;
    const rest = new Promise<void>((resolve) => (sendRest = resolve));
    async function* body() {
      yield head;
      await rest; // never before the answer: the gateway must answer from the first bytes
      yield Buffer.from('"}}');
    }
    const response = await request(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: TOKEN, 'content-length': String(head.length + 3) },
      body: Readable.from(body()),
    });
    sendRest();
    expect(response.statusCode).toBe(413);
    expect(((await response.body.json()) as { errors: { message: string }[] }).errors.map((e) => e.message)).toEqual([`The request body is over ${limit} bytes.`]);
  });

  it('refuses an _entities fetch over MAX_ENTITIES_REQUEST_BYTES with 413 before reading it', async () => {
    const many = Array.from({ length: 6 }, () => representations).flat();
    const text = JSON.stringify({ query: ENTITIES, variables: { representations: many } });
    expect(text.length).toBeGreaterThan(gw.config.limits.maxEntitiesRequestBytes);
    const { status, body } = await post(text);
    expect([status, body.errors!.map((e) => e.extensions.code)]).toEqual([413, ['REQUEST_ENTITY_TOO_LARGE']]);
    expect(gw.upstream()).toHaveLength(0);
  });
});
