import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = fileURLToPath(new URL('../', import.meta.url));

let baselineJs: string | undefined;

/**
 * The baseline as plain JavaScript, so it runs without tsx's loader (another thread and isolate, which would
 * inflate its RSS). Written under node_modules/.cache so `undici` resolves from the project.
 */
export function compileBaseline(): string {
  if (baselineJs) return baselineJs;
  const source = readFileSync(join(root, 'bench/baseline.ts'), 'utf8');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2023, verbatimModuleSyntax: true },
  });
  const dir = join(root, 'node_modules/.cache/partner-graph-bench');
  mkdirSync(dir, { recursive: true });
  baselineJs = join(dir, 'baseline.mjs');
  writeFileSync(baselineJs, outputText);
  return baselineJs;
}
