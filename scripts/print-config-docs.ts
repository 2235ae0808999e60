import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readSettings, settingsTable, withTable } from './config-docs.js';

const config = fileURLToPath(new URL('../src/config.ts', import.meta.url));
const docs = fileURLToPath(new URL('../docs/configuration.md', import.meta.url));
writeFileSync(docs, withTable(readFileSync(docs, 'utf8'), settingsTable(readSettings(config))));
process.stdout.write(`wrote ${docs}\n`);
