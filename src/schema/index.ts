import { printSubgraphSchema } from '@apollo/subgraph';
import { GraphQLDeferDirective, GraphQLStreamDirective } from '@graphql-tools/utils';
import { GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import type { Context } from '../app/context.js';
import { builder } from './builder.js';
import './billing-cycle.js';
import './enums.js';
import './date-time.js';
import './line-item.js';
import './line-item-details.js';
import './order.js';
import './profile.js';
import './customer.js';
import './customer-list.js';
import './order-detail.js';
import './subscription.js';
import './subscription-details.js';
import './catalog.js';
import './decimal.js';
import './invoice.js';
import './invoice-line-item.js';
import './invoice-summary.js';
import './entities.js';
import { ENTITY_KEYS } from './entity-keys.js';
import { checkRepresentations } from './entity-representations.js';
import { federationFieldsLast } from './federation-last.js';

/** Federation 2.9: `@cost` and `@listSize` (2.9), `@authenticated` (2.5). */
export const FEDERATION_VERSION = 'https://specs.apollo.dev/federation/v2.9';

/**
 * What the server serves: the client-facing schema plus Apollo Federation v2's `_service` and
 * `_entities`, so one server is both a standalone gateway and a subgraph, with those two listed last. Built once
 * per process.
 */
export const schema: GraphQLSchema = federationFieldsLast(
  serveSdlPerConfig(
    checkRepresentations(
      builder.toSubGraphSchema({ linkUrl: FEDERATION_VERSION, federationDirectives: ['@authenticated', '@cost', '@key', '@listSize', '@shareable'] }),
      ENTITY_KEYS,
    ),
  ),
);

/**
 * The client-facing schema (no federation plumbing), sorted: what schema.graphql holds. With @defer and @stream,
 * which the gateway serves (use-incremental-delivery adds these same definitions), so a client's tools validate
 * operations that use them.
 */
export const clientSchema: GraphQLSchema = lexicographicSortSchema(withIncrementalDelivery(builder.toSchema()));

function withIncrementalDelivery(base: GraphQLSchema): GraphQLSchema {
  const config = base.toConfig();
  return new GraphQLSchema({ ...config, directives: [...config.directives, GraphQLDeferDirective, GraphQLStreamDirective] });
}

/** schema.graphql's text. */
export const printClientSchema = (): string => `${printSchema(clientSchema)}\n`;

/** subgraph.graphql's text: the SDL `_service { sdl }` answers and supergraph composition reads. */
export const printSubgraphSdl = (): string => `${printSubgraphSchema(schema).trim()}\n`;

/**
 * The SDL without `@authenticated` (FEDERATION_AUTHENTICATED=false): Apollo Gateway (JS) implements no SECURITY
 * feature and refuses a supergraph that links one. The gateway asks for the token itself either way.
 */
export function withoutAuthenticated(sdl: string): string {
  return sdl.replaceAll(' @authenticated', '').replace('"@authenticated", ', '');
}

/** `_service { sdl }` answers the SDL FEDERATION_AUTHENTICATED asks for (both printed once). */
function serveSdlPerConfig(subgraph: GraphQLSchema): GraphQLSchema {
  const field = subgraph.getQueryType()?.getFields()._service;
  if (!field) return subgraph;
  const full = printSubgraphSchema(subgraph);
  const plain = withoutAuthenticated(full);
  field.resolve = (_source, _args, context: Context) => ({ sdl: context.config.federation.authenticated ? full : plain });
  return subgraph;
}
