import { readFileSync } from 'node:fs';
import { isListType, isNonNullType, isObjectType, parse, valueFromASTUntyped, type GraphQLOutputType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { SUBGRAPH_FILE } from '../../scripts/print-schema.js';
import { schema } from '../../src/schema/index.js';

/** Every field's published demand-control and auth directives, from subgraph.graphql as routers read it. */
function published(): Map<string, Record<string, Record<string, unknown>>> {
  const fields = new Map<string, Record<string, Record<string, unknown>>>();
  for (const definition of parse(readFileSync(SUBGRAPH_FILE, 'utf8')).definitions) {
    if (definition.kind !== 'ObjectTypeDefinition') continue;
    for (const field of definition.fields ?? []) {
      const directives = Object.fromEntries(
        (field.directives ?? []).map((d) => [d.name.value, Object.fromEntries((d.arguments ?? []).map((a) => [a.name.value, valueFromASTUntyped(a.value)]))]),
      );
      fields.set(`${definition.name.value}.${field.name.value}`, directives);
    }
  }
  return fields;
}

const isList = (type: GraphQLOutputType): boolean => isListType(isNonNullType(type) ? type.ofType : type);

describe('the published cost is the enforced cost', () => {
  const sdl = published();
  const fields = Object.values(schema.getTypeMap())
    .filter(isObjectType)
    .filter((t) => !t.name.startsWith('_'))
    .flatMap((type) => Object.values(type.getFields()).map((field) => ({ key: `${type.name}.${field.name}`, field })))
    .filter(({ field }) => !field.name.startsWith('_'));

  it('@cost(weight:) is each field\'s own cost and @listSize each list\'s multiplier, for every field', () => {
    expect(fields.length).toBeGreaterThan(100);
    for (const { key, field } of fields) {
      const complexity = field.extensions.complexity as number | { field: number; multiplier?: number } | ((args: Record<string, unknown>) => { field: number; multiplier: number });
      const directives = sdl.get(key)!;
      const weight = (directives.cost?.weight as number | undefined) ?? 1;
      if (typeof complexity === 'function') {
        const size = directives.listSize!;
        expect(weight, key).toBe(complexity({}).field);
        if (size.slicingArguments) {
          const [argument] = size.slicingArguments as string[];
          // Absent, the router assumes what the gateway assumes; given, both take the argument.
          expect(complexity({}).multiplier, key).toBe(size.assumedSize);
          for (const n of [1, 7, 20]) expect(complexity({ [argument!]: n }).multiplier, key).toBe(n);
        } else {
          // A list argument (ids): federation takes only Int slicing arguments, so the largest admitted size is published.
          expect(complexity({ ids: Array.from({ length: size.assumedSize as number }, String) }).multiplier, key).toBe(size.assumedSize);
        }
      } else if (typeof complexity === 'number') {
        expect([key, weight, directives.listSize]).toEqual([key, complexity, undefined]);
      } else {
        expect([key, weight, directives.listSize?.assumedSize]).toEqual([key, complexity.field, complexity.multiplier]);
        expect(isList(field.type) || complexity.multiplier === undefined, key).toBe(true);
      }
    }
  });

  it('publishes the fan-out the gateway prices: ids, 20 orders, 4 lines, provisioningStatus 100 per order', () => {
    expect(sdl.get('Query.customers')).toMatchObject({ listSize: { assumedSize: 100 } });
    expect(sdl.get('Customer.orders')).toMatchObject({ cost: { weight: 2 }, listSize: { assumedSize: 20 } });
    expect(sdl.get('Order.lineItems')).toMatchObject({ listSize: { assumedSize: 4 } });
    expect(sdl.get('Order.provisioningStatus')).toMatchObject({ cost: { weight: 100 }, listSize: { assumedSize: 4 } });
    expect(sdl.get('Query.customerList')).toMatchObject({ cost: { weight: 2 }, listSize: { slicingArguments: ['first'], assumedSize: 20, sizedFields: ['edges'] } });
  });
});

describe('the published auth is the enforced auth', () => {
  const sdl = published();
  it('@authenticated on every root field and every non-key entity field, nowhere else; no @requiresScopes (no scope is checked)', () => {
    for (const [key, directives] of sdl) {
      const [type, field] = key.split('.');
      const needsToken = type === 'Query' || (type === 'Customer' && field !== 'id') || (type === 'Order' && field !== 'id' && field !== 'customerId');
      expect([key, 'authenticated' in directives]).toEqual([key, needsToken]);
      expect(directives.requiresScopes, key).toBeUndefined();
    }
  });
});
