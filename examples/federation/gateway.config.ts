/**
 * Hive Gateway's configuration for the example supergraph: `npx hive-gateway supergraph supergraph.graphql`
 * in this directory reads it (compose supergraph.graphql first, e.g. `rover supergraph compose --config
 * supergraph.yaml`, or @theguild/federation-composition as hive-gateway.ts does). hive-gateway.ts runs the
 * same options in-process for the tests.
 */
import { defineConfig, type GatewayConfigSupergraph } from '@graphql-hive/gateway';
import { forwardedHeaders } from './forwarded-headers.js';

/** What the example's Hive Gateway needs beyond its supergraph: the caller's headers forwarded to every subgraph. */
export const hiveGatewayOptions = {
  propagateHeaders: {
    fromClientToSubgraphs: ({ request }: { request: Request }) => forwardedHeaders(request),
  },
} satisfies Partial<GatewayConfigSupergraph>;

export const gatewayConfig = defineConfig({
  supergraph: './supergraph.graphql',
  ...hiveGatewayOptions,
});
