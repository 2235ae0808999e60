/**
 * An example supergraph served by Hive Gateway: reads each subgraph's `_service { sdl }`, composes them with
 * @theguild/federation-composition, and serves the result with gateway.config.ts's options (the caller's
 * Authorization, MS-CorrelationId and traceparent forwarded to every subgraph).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { composeServices } from '@theguild/federation-composition';
import { parse } from 'graphql';
import { hiveGatewayOptions } from './gateway.config.js';
import type { SubgraphLocation } from './supergraph-gateway.js';

/** Each subgraph's SDL, as a router's introspection reads it (no token: `_service` needs none). */
async function subgraphSdl({ url }: SubgraphLocation): Promise<string> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ _service { sdl } }' }) });
  const body = (await response.json()) as { data?: { _service?: { sdl?: string } } };
  const sdl = body.data?._service?.sdl;
  if (!sdl) throw new Error(`${url} answered no _service { sdl } (HTTP ${response.status})`);
  return sdl;
}

/** Composes the subgraphs; throws with every composition error. */
export async function composeSupergraph(subgraphs: SubgraphLocation[]): Promise<string> {
  const services = await Promise.all(subgraphs.map(async (s) => ({ name: s.name, url: s.url, typeDefs: parse(await subgraphSdl(s)) })));
  const result = composeServices(services);
  if (result.errors) throw new Error(`composition failed:\n${result.errors.map((e) => e.message).join('\n')}`);
  return result.supergraphSdl;
}

export async function startHiveGateway(subgraphs: SubgraphLocation[], port = 0, host = '127.0.0.1') {
  const gateway = createGatewayRuntime({ supergraph: await composeSupergraph(subgraphs), ...hiveGatewayOptions, logging: false });
  const server = createServer(gateway);
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${bound}/graphql`,
    stop: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await gateway.dispose();
    },
  };
}
