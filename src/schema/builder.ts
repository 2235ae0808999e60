import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import DirectivesPlugin from '@pothos/plugin-directives';
import FederationPlugin from '@pothos/plugin-federation';
import type { Context } from '../app/context.js';
import FederationMetadataPlugin from './federation-metadata.js';
import { AppError, ErrorCode } from '../errors.js';

/**
 * Builder set-up only. Fields are nullable unless a type says otherwise (Pothos 4's default): Partner Center leaves out
 * properties freely, and a nullable field lets one failed upstream call cost one field, not the
 * whole response.
 */
export const builder = new SchemaBuilder<{
  Context: Context;
  DefaultFieldNullability: true;
  Scalars: {
    ID: { Input: string; Output: string };
    DateTime: { Input: string; Output: string };
    Decimal: { Input: string; Output: string | number };
  };
}>({
  // Federation last: it wraps what the others produce (Pothos federation plugin docs). Field configs pass through the
  // plugins right to left: federation metadata reads what complexity set and hands directives to the directives plugin.
  plugins: [DirectivesPlugin, FederationMetadataPlugin, ComplexityPlugin, FederationPlugin],
  /**
   * The cost limit (MAX_QUERY_COST): every field costs 1 (a call per list item CALL_PER_ITEM_COST) and a
   * list multiplies the cost of its selection (10 by default; `customers(ids:)` by the number of ids, orders
   * and line items by their own figures), so `customers(ids: 100) { orders { lineItems { … } } }` is
   * priced by its fan-out.
   * Checked before any root field runs: a refused document makes no upstream call.
   */
  complexity: {
    defaultComplexity: 1,
    defaultListMultiplier: 10,
    limit: (context) => ({ complexity: context.config.limits.maxCost }),
    complexityError: (_kind, result) =>
      new AppError(ErrorCode.QUERY_TOO_COMPLEX, `This document costs ${result.complexity}; the most allowed is ${result.maxComplexity}.`, {
        limit: 'cost',
        cost: result.complexity,
        max: result.maxComplexity,
      }),
  },
});

/**
 * The cost of a field that makes one Partner Center call for each item of the list it is in
 * (`Order.provisioningStatus`): MAX_QUERY_COST's default over MAX_UPSTREAM_CALLS_PER_REQUEST's, so a
 * document the default cost limit admits is also estimated to stay within the call cap. Joins that
 * share calls (subscriptions per customer, catalog items per product) cost as plain fields; the call
 * cap bounds what the data makes of either.
 */
export const CALL_PER_ITEM_COST = 100;

builder.queryType({ description: 'Read access to the signed-in partner\'s Partner Center customers, orders, subscriptions, catalog and invoices.' });
