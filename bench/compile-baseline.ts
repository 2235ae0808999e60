import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = fileURLToPath(new URL('../', import.meta.url));
const SOURCES = ['baseline-upstream', 'peer-schema', 'baseline', 'yoga-floor', 'apollo-peer'] as const;
export type PeerName = Exclude<(typeof SOURCES)[number], 'baseline-upstream' | 'peer-schema'>;
let dir: string | undefined;

/**
 * The baseline, the yoga floor and the Apollo peer as plain JavaScript, so they run without tsx's loader (another thread and
 * isolate, which would inflate their RSS). Written under node_modules/.cache so `undici` and `graphql-yoga`
 * resolve from the project. Returns the path of the script for `name`.
 */
export function compileBaseline(name: PeerName = 'baseline'): string {
  if (!dir) {
    dir = join(root, 'node_modules/.cache/partner-graph-bench');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
    for (const source of SOURCES) {
      const { outputText } = ts.transpileModule(readFileSync(join(root, `bench/${source}.ts`), 'utf8'), {
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2023, verbatimModuleSyntax: true },
      });
      writeFileSync(join(dir, `${source}.js`), outputText);
    }
  }
  return join(dir, `${name}.js`);
}
