import SchemaBuilder from '@pothos/core';
import DirectivesPlugin from '@pothos/plugin-directives';
import FederationPlugin from '@pothos/plugin-federation';
import type { Context } from '../context.js';

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
  };
}>({
  // Federation last: it wraps what the others produce (Pothos federation plugin docs).
  plugins: [DirectivesPlugin, FederationPlugin],
});

builder.queryType({ description: 'Read access to Partner Center customers and their orders.' });
