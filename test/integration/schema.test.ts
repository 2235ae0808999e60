import { readFileSync } from 'node:fs';
import { buildSchema, isEnumType, isInputObjectType, isObjectType, isSpecifiedScalarType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { printedSchema, SCHEMA_FILE } from '../../scripts/print-schema.js';
import { clientSchema as schema } from '../../src/schema/index.js';

describe('schema.graphql', () => {
  it('is exactly what the code prints (run `npm run print-schema` after changing the schema)', () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(printedSchema());
  });

  it('has a query root and nothing else: no type is taken for a mutation or subscription root', () => {
    // A domain type named `Subscription` was once both Pothos' subscription root and, in the printed SDL
    // without a schema block, every SDL reader's: GraphiQL offered `subscription { autoRenewEnabled }`.
    const printed = buildSchema(readFileSync(SCHEMA_FILE, 'utf8'));
    for (const s of [schema, printed]) {
      expect(s.getQueryType()?.name).toBe('Query');
      expect(s.getMutationType()).toBeUndefined();
      expect(s.getSubscriptionType()).toBeUndefined();
    }
  });

  it('has a description on every type, field, argument and enum value', () => {
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || isSpecifiedScalarType(type)) continue;
      if (!type.description) missing.push(type.name);
      if (isObjectType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of 'args' in field ? field.args : []) {
            if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
          }
        }
      }
      if (isEnumType(type)) {
        for (const value of type.getValues()) if (!value.description) missing.push(`${type.name}.${value.name}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
