/**
 * Runs one piece of the example supergraph (docker-compose profile `federation`):
 *   tsx examples/federation/main.ts crm          the CRM subgraph on CRM_PORT (default 4020)
 *   tsx examples/federation/main.ts supergraph   Hive Gateway on SUPERGRAPH_PORT (default 4100),
 *                                               composing SUBGRAPHS ("name=url,name=url")
 *   tsx examples/federation/main.ts apollo-gateway   the same with Apollo Gateway (JS), which refuses
 *                                               @authenticated: run partner-graph with FEDERATION_AUTHENTICATED=false
 * An example, not part of the gateway: it reads its few settings straight from the environment.
 */
import { startCrmSubgraph } from './crm-subgraph.js';
import { startHiveGateway } from './hive-gateway.js';
import { startSupergraphGateway } from './supergraph-gateway.js';

const DEMO_RECORDS = new Map([
  ['b0d70a69-4c42-4b27-b17b-91a835d8686a', { note: 'Renewal call booked for Q3.', accountManager: 'Avery Chen' }],
  ['0c5e7a1d-2b3f-4e69-8a47-d1f0b2c3e4a5', { note: 'Legacy offers: plan migration to new commerce.', accountManager: 'Sam Okafor' }],
]);

function port(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 0 || value > 65_535) throw new Error(`${name} must be a port number`);
  return value;
}

function subgraphs(): { name: string; url: string }[] {
  const spec = process.env.SUBGRAPHS ?? 'partner-graph=http://localhost:4000/graphql,crm=http://localhost:4020/';
  return spec.split(',').map((pair) => {
    const [name, url] = pair.split('=');
    if (!name || !url || !URL.canParse(url)) throw new Error(`SUBGRAPHS entry "${pair}" must be name=url`);
    return { name: name.trim(), url: url.trim() };
  });
}

const mode = process.argv[2];
const host = process.env.HOST ?? '0.0.0.0';
if (mode === 'crm') {
  const { url } = await startCrmSubgraph(DEMO_RECORDS, port('CRM_PORT', 4020), host);
  process.stdout.write(`CRM subgraph at ${url}\n`);
} else if (mode === 'supergraph' || mode === 'apollo-gateway') {
  const start = mode === 'supergraph' ? startHiveGateway : startSupergraphGateway;
  const { url } = await start(subgraphs(), port('SUPERGRAPH_PORT', 4100), host);
  process.stdout.write(`supergraph at ${url}\n`);
} else {
  process.stderr.write('usage: main.ts crm|supergraph|apollo-gateway\n');
  process.exit(2);
}
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => process.exit(0));
