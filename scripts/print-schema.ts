/**
 * Writes schema.graphql (client-facing) and subgraph.graphql (federation SDL) from the code, the
 * only source of truth. `npm run print-schema`; the test suite fails when either file drifts.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { printClientSchema, printSubgraphSdl } from '../src/schema/index.js';

export const SCHEMA_FILE = fileURLToPath(new URL('../schema.graphql', import.meta.url));
export const SUBGRAPH_FILE = fileURLToPath(new URL('../subgraph.graphql', import.meta.url));

export const printedSchema = printClientSchema;
export const printedSubgraph = printSubgraphSdl;

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(SCHEMA_FILE, printedSchema());
  writeFileSync(SUBGRAPH_FILE, printedSubgraph());
  process.stdout.write(`wrote ${SCHEMA_FILE} and ${SUBGRAPH_FILE}\n`);
}
