import { describe, expect, it } from 'vitest';
import { GraphQLUnionType } from 'graphql';
import { ENTITY_KEYS } from '../../src/schema/entity-keys.js';
import { printSubgraphSdl, schema } from '../../src/schema/index.js';
import { SEED_004_CUSTOMER_ID, SEED_004_ORDER_IDS } from '../../src/simulator/constants.js';
import { ENTITIES } from '../support/federation.js';
import { useGateway } from '../support/shared-gateway.js';

const gw = useGateway();

const A = SEED_004_CUSTOMER_ID;
const [ORDER] = SEED_004_ORDER_IDS;

describe('_entities representations are checked one by one', () => {
  it('checks against the keys the subgraph declares', () => {
    const entities = (schema.getType('_Entity') as GraphQLUnionType).getTypes().map((t) => t.name);
    expect([...ENTITY_KEYS.keys()].sort()).toEqual(entities.sort());
    for (const [name, fields] of ENTITY_KEYS) expect(printSubgraphSdl()).toMatch(new RegExp(`type ${name}\\s+@key\\(fields: "${fields.join(' ')}"\\)`));
  });

  it('answers BAD_USER_INPUT on each bad representation only, serves the others, logs no error', async () => {
    const representations = [
      { __typename: 'NoSuchType', id: A },
      { __typename: 'Customer', id: A },
      { __typename: 'PartnerCenterOrderLineItem', lineItemNumber: 0 },
      { id: A },
      { __typename: 'Customer' },
      { __typename: 'Order', id: ORDER },
      { __typename: 'Order', customerId: A },
      { __typename: 'Order', customerId: A, id: ORDER },
      { __typename: 'Customer', id: 42 },
      { __typename: '_Service' },
      { __typename: 'Query' },
    ];
    const { status, body } = await gw.query(ENTITIES, { representations });
    expect(status).toBe(200);
    expect(body.data!._entities).toEqual([
      null,
      { __typename: 'Customer', id: A, companyProfile: { companyName: expect.any(String) } },
      null,
      null,
      null,
      null,
      null,
      { __typename: 'Order', customerId: A, id: ORDER, billingCycle: 'ONE_TIME' },
      null,
      null,
      null,
    ]);
    expect(body.errors!.map((e) => [e.path, e.extensions!.code])).toEqual(
      [0, 2, 3, 4, 5, 6, 8, 9, 10].map((i) => [['_entities', i], 'BAD_USER_INPUT']),
    );
    expect(body.errors!.map((e) => e.message)).toEqual([
      '"NoSuchType" is not an entity of this subgraph (Customer, Order).',
      '"PartnerCenterOrderLineItem" is not an entity of this subgraph (Customer, Order).',
      'A representation needs a __typename.',
      'A representation of Customer needs its key field id, a string.',
      'A representation of Order needs its key field customerId, a string.',
      'A representation of Order needs its key field id, a string.',
      'A representation of Customer needs its key field id, a string.',
      '"_Service" is not an entity of this subgraph (Customer, Order).',
      '"Query" is not an entity of this subgraph (Customer, Order).',
    ]);
    expect(gw.upstream().map((c) => c.path).sort()).toEqual([`/v1/customers/${A}`, `/v1/customers/${A}/orders/${ORDER}`]);
    expect(gw.logs.filter((l) => l.level === 'error')).toEqual([]);
  });

  it('refuses a representation that is not an object', async () => {
    const { body } = await gw.query(ENTITIES, { representations: ['Customer', null, [A], { __typename: 'Customer', id: A }] });
    // null is refused by the [_Any!]! type itself, before any resolver runs.
    expect(body.errors!.map((e) => e.extensions!.code)).toEqual(['BAD_USER_INPUT']);
    const { body: again } = await gw.query(ENTITIES, { representations: ['Customer', [A], { __typename: 'Customer', id: A }] });
    expect(again.errors!.map((e) => [e.path, e.extensions!.code])).toEqual([
      [['_entities', 0], 'BAD_USER_INPUT'],
      [['_entities', 1], 'BAD_USER_INPUT'],
    ]);
    expect((again.data!._entities as unknown[])[2]).toMatchObject({ __typename: 'Customer', id: A });
  });
});
