import { printSubgraphSchema } from '@apollo/subgraph';
import { GraphQLDeferDirective, GraphQLStreamDirective } from '@graphql-tools/utils';
import { GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
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
import { ENTITY_KEYS } from './entities.js';
import { checkRepresentations } from './entity-representations.js';
import { federationFieldsLast } from './federation-last.js';

/**
 * What the server serves: the client-facing schema plus Apollo Federation v2's `_service` and
 * `_entities`, so one server is both a standalone gateway and a subgraph, with those two listed last. Built once
 * per process.
 */
export const schema: GraphQLSchema = federationFieldsLast(
  checkRepresentations(builder.toSubGraphSchema({ linkUrl: 'https://specs.apollo.dev/federation/v2.6', federationDirectives: ['@key'] }), ENTITY_KEYS),
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
