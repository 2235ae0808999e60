import { lexicographicSortSchema, type GraphQLSchema } from 'graphql';
import { builder } from './builder.js';
import './billing-cycle.js';
import './enums.js';
import './date-time.js';
import './line-item.js';
import './order.js';
import './profile.js';
import './customer.js';

/** The client-facing schema, sorted so its printed form is stable. Built once per process. */
export const schema: GraphQLSchema = lexicographicSortSchema(builder.toSchema());
