import { GraphQLObjectType, GraphQLSchema } from 'graphql';

const FEDERATION_FIELDS = new Set(['_entities', '_service']);

/**
 * The same schema with Query's federation fields after the client's, so introspection (and GraphiQL's
 * documentation explorer) lists `_entities` and `_service` last. Resolvers and extensions are kept.
 */
export function federationFieldsLast(schema: GraphQLSchema): GraphQLSchema {
  const query = schema.getQueryType();
  if (!query) return schema;
  const { fields, ...rest } = query.toConfig();
  const names = Object.keys(fields);
  const ordered = [...names.filter((n) => !FEDERATION_FIELDS.has(n)), ...names.filter((n) => FEDERATION_FIELDS.has(n))];
  const reordered = new GraphQLObjectType({ ...rest, fields: Object.fromEntries(ordered.map((n) => [n, fields[n]!])) });
  const config = schema.toConfig();
  return new GraphQLSchema({ ...config, query: reordered, types: config.types.map((t) => (t === query ? reordered : t)) });
}
