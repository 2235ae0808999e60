import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readSettings, settingsTable, withTable } from '../../scripts/config-docs.js';
import { CONFIG_VARIABLES } from '../../src/config.js';

const configPath = fileURLToPath(new URL('../../src/config.ts', import.meta.url));
const docsPath = fileURLToPath(new URL('../../docs/configuration.md', import.meta.url));
const settings = readSettings(configPath);

describe('docs/configuration.md', () => {
  it('lists exactly the variables config.ts reads, in its order', () => {
    expect(settings.map((s) => s.name)).toEqual([...CONFIG_VARIABLES]);
  });

  it('has a description for every variable', () => {
    expect(settings.filter((s) => s.doc.length < 10).map((s) => s.name)).toEqual([]);
  });

  it('is what `npm run docs:config` prints from config.ts', () => {
    const docs = readFileSync(docsPath, 'utf8');
    expect(docs, 'run `npm run docs:config`').toBe(withTable(docs, settingsTable(settings)));
  });
});
