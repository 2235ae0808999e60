import type { GraphQLFieldResolver, GraphQLSchema } from 'graphql';
import { badUserInput, type AppError } from '../errors.js';

/** Each entity's `@key` fields, by type name: what a representation of it must carry. */
export type EntityKeys = ReadonlyMap<string, readonly string[]>;

/**
 * Checks `_entities` representations one by one before @apollo/subgraph sees them: an unknown or
 * non-entity `__typename`, a missing one, or a missing key field is the caller's mistake, answered
 * BAD_USER_INPUT in that representation's slot while the others resolve. Unchecked, the first of
 * them threw inside @apollo/subgraph's synchronous map and nulled the whole batch as an internal error.
 */
export function checkRepresentations(schema: GraphQLSchema, keys: EntityKeys): GraphQLSchema {
  const field = schema.getQueryType()?.getFields()._entities;
  if (!field?.resolve) return schema;
  const resolve: GraphQLFieldResolver<unknown, unknown> = field.resolve;
  const known = [...keys.keys()].sort().join(', ');
  field.resolve = (source, args: { representations: unknown[] }, context, info) => {
    const problems = args.representations.map((representation) => problemWith(representation, keys, known));
    const valid = args.representations.filter((_, i) => problems[i] === undefined);
    if (valid.length === args.representations.length) return resolve(source, args, context, info);
    const resolved = valid.length === 0 ? [] : (resolve(source, { ...args, representations: valid }, context, info) as unknown[]);
    let next = 0;
    // graphql-js answers an Error in a list slot as that item's error, with the item's path.
    return problems.map((problem) => problem ?? resolved[next++]);
  };
  return schema;
}

function problemWith(representation: unknown, keys: EntityKeys, known: string): AppError | undefined {
  if (representation === null || typeof representation !== 'object' || Array.isArray(representation)) {
    return refuse('A representation must be an object with a __typename.');
  }
  const fields = representation as Record<string, unknown>;
  const typename = fields.__typename;
  if (typeof typename !== 'string' || typename === '') return refuse('A representation needs a __typename.');
  const required = keys.get(typename);
  if (!required) return refuse(`${JSON.stringify(typename.slice(0, 80))} is not an entity of this subgraph (${known}).`);
  const missing = required.find((key) => typeof fields[key] !== 'string' || fields[key] === '');
  if (missing !== undefined) return refuse(`A representation of ${typename} needs its key field ${missing}, a string.`);
  return undefined;
}

const refuse = (message: string) => badUserInput(message, { argument: 'representations' });
