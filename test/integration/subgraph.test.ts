import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { printedSubgraph, SUBGRAPH_FILE } from '../../scripts/print-schema.js';
import { DEFAULT_PARTNER_ID, DELAYED_CUSTOMER_ID, DELAYED_ORDER_ID, SEED_004_CUSTOMER_ID, SEED_004_ORDER_IDS } from '../../src/simulator/constants.js';
import { dataOf } from '../support/data-of.js';
import { ENTITIES } from '../support/federation.js';
import { useGateway } from '../support/shared-gateway.js';

const gw = useGateway();
let customers: string[];
beforeAll(() => {
  customers = gw.sim.data.customersOf(DEFAULT_PARTNER_ID).slice(0, 25).map((r) => r.customer.id);
});

const paths = () => gw.upstream().map((c) => c.path).sort();

describe('the subgraph', () => {
  it('subgraph.graphql is exactly what the code prints (run `npm run print-schema`)', () => {
    expect(readFileSync(SUBGRAPH_FILE, 'utf8')).toBe(printedSubgraph());
  });

  it('lists _entities and _service after the client fields in introspection, so GraphiQL shows them last', async () => {
    const { body } = await gw.query('{ __schema { queryType { fields { name } } } }');
    expect(body.errors).toBeUndefined();
    const names = (body.data!.__schema as { queryType: { fields: { name: string }[] } }).queryType.fields.map((f) => f.name);
    expect(names.slice(-2)).toEqual(['_entities', '_service']);
    expect(names.slice(0, -2).filter((n) => n.startsWith('_'))).toEqual([]);
  });

  it('answers _service { sdl } without a token, with the committed SDL', async () => {
    const { status, body } = await gw.query('{ _service { sdl } }', undefined, { authorization: '' });
    expect(status).toBe(200);
    expect(`${(dataOf(body)._service as { sdl: string }).sdl.trim()}\n`).toBe(readFileSync(SUBGRAPH_FILE, 'utf8'));
    expect(gw.upstream()).toHaveLength(0);
  });

  it('resolves 50 customer representations (25 distinct) with 25 upstream calls', async () => {
    const representations = [...customers, ...customers].map((id) => ({ __typename: 'Customer', id }));
    expect(representations).toHaveLength(50);
    const { body } = await gw.query(ENTITIES, { representations });
    expect(body.errors).toBeUndefined();
    const entities = body.data!._entities as { id: string; companyProfile: { companyName: string } }[];
    expect(entities.map((e) => e.id)).toEqual(representations.map((r) => r.id));
    expect(entities[0]!.companyProfile.companyName).toBe(gw.sim.data.findCustomer(customers[0]!)!.customer.companyProfile.companyName);
    expect(paths()).toEqual(customers.map((id) => `/v1/customers/${id}`).sort());
  });

  it('costs nothing upstream when only the key is selected', async () => {
    const { body } = await gw.query('query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { id } } }', {
      r: customers.slice(0, 5).map((id) => ({ __typename: 'Customer', id })),
    });
    expect((dataOf(body)._entities as unknown[]).length).toBe(5);
    expect(gw.upstream()).toHaveLength(0);
  });

  it('resolves order representations by id, a few at a time one call each', async () => {
    const representations = SEED_004_ORDER_IDS.map((id) => ({ __typename: 'Order', customerId: SEED_004_CUSTOMER_ID, id }));
    const { body } = await gw.query(ENTITIES, { representations });
    expect(dataOf(body)._entities).toEqual(
      SEED_004_ORDER_IDS.map((id) => ({ __typename: 'Order', customerId: SEED_004_CUSTOMER_ID, id, billingCycle: 'ONE_TIME' })),
    );
    expect(paths()).toEqual(SEED_004_ORDER_IDS.map((id) => `/v1/customers/${SEED_004_CUSTOMER_ID}/orders/${id}`).sort());
  });

  it('reads more than three distinct orders of one customer from one list call', async () => {
    const record = gw.sim.data.customersOf(DEFAULT_PARTNER_ID).find((r) => r.orders.length >= 5)!;
    const ids = record.orders.map((o) => o.id);
    const { body } = await gw.query(ENTITIES, { representations: [...ids, ...ids].map((id) => ({ __typename: 'Order', customerId: record.customer.id, id })) });
    expect(body.errors).toBeUndefined();
    expect((body.data!._entities as { id: string }[]).map((e) => e.id)).toEqual([...ids, ...ids]);
    expect(paths()).toEqual([`/v1/customers/${record.customer.id}/orders`]);
  });

  it('falls back to GET by id for orders the list does not show (yet)', async () => {
    const listed = gw.sim.data.findCustomer(DELAYED_CUSTOMER_ID)!.orders.map((o) => o.id).filter((id) => id !== DELAYED_ORDER_ID);
    const ids = [...listed, DELAYED_ORDER_ID, 'unknown0order1', 'unknown0order2'];
    expect(ids.length).toBeGreaterThan(3);
    const { body } = await gw.query(ENTITIES, { representations: ids.map((id) => ({ __typename: 'Order', customerId: DELAYED_CUSTOMER_ID, id })) });
    expect((body.data!._entities as ({ id: string } | null)[]).map((e) => e?.id ?? null)).toEqual([...listed, DELAYED_ORDER_ID, null, null]);
    expect(body.errors!.map((e) => e.extensions!.code)).toEqual(['NOT_FOUND', 'NOT_FOUND']);
    const base = `/v1/customers/${DELAYED_CUSTOMER_ID}/orders`;
    expect(paths()).toEqual([base, `${base}/${DELAYED_ORDER_ID}`, `${base}/unknown0order1`, `${base}/unknown0order2`].sort());
  });

  it('answers null with a coded error for missing or malformed references, keeping the others', async () => {
    const { body } = await gw.query(ENTITIES, {
      representations: [
        { __typename: 'Customer', id: SEED_004_CUSTOMER_ID },
        { __typename: 'Customer', id: '00000000-1111-4222-8333-444444444444' },
        { __typename: 'Customer', id: '../etc' },
        { __typename: 'Order', customerId: SEED_004_CUSTOMER_ID, id: 'missing0order' },
        { __typename: 'Order', customerId: SEED_004_CUSTOMER_ID, id: '../../x' },
      ],
    });
    const entities = body.data!._entities as unknown[];
    expect(entities[0]).toMatchObject({ id: SEED_004_CUSTOMER_ID });
    expect(entities.slice(1)).toEqual([null, null, null, null]);
    const byPath = (a: { path?: unknown[] }, b: { path?: unknown[] }) => Number(a.path![1]) - Number(b.path![1]);
    expect([...body.errors!].sort(byPath).map((e) => [e.path, e.extensions!.code])).toEqual([
      [['_entities', 1], 'NOT_FOUND'],
      [['_entities', 2], 'BAD_USER_INPUT'],
      [['_entities', 3], 'NOT_FOUND'],
      [['_entities', 4], 'BAD_USER_INPUT'],
    ]);
  });
});
