import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../../src');
/** `from './x.js'`, `import './x.js'`, `import('./x.js')`: type-only imports count too, a cycle of types is still a knot. */
const RELATIVE_IMPORT = /(?:\bfrom\s+|\bimport\s*\(?\s*)['"](\.{1,2}\/[^'"]+)['"]/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

function resolveImport(from: string, specifier: string): string | undefined {
  const base = resolve(dirname(from), specifier);
  const candidates = [base.replace(/\.js$/, '.ts'), `${base}.ts`, join(base, 'index.ts')];
  return candidates.find((path) => path.endsWith('.ts') && existsSync(path));
}

/** Each file's relative imports within src/. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8');
    const targets = [...text.matchAll(RELATIVE_IMPORT)].map((match) => resolveImport(file, match[1]!)).filter((path): path is string => path !== undefined);
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** Every cycle found by a depth-first walk, each as the files around it (src-relative), once. */
function findCycles(graph: Map<string, string[]>): string[][] {
  const cycles: string[][] = [];
  const seen = new Set<string>();
  const done = new Set<string>();
  const stack: string[] = [];
  const visit = (file: string): void => {
    seen.add(file);
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (!seen.has(next)) visit(next);
      else if (!done.has(next)) cycles.push([...stack.slice(stack.indexOf(next)), next].map((path) => relative(SRC, path)));
    }
    stack.pop();
    done.add(file);
  };
  for (const file of [...graph.keys()].sort()) if (!seen.has(file)) visit(file);
  return cycles;
}

describe('src/ imports', () => {
  it('finds the modules it walks', () => {
    const graph = importGraph();
    expect(graph.size).toBeGreaterThan(50);
    expect(graph.get(join(SRC, 'partner-center/http.ts'))).toContain(join(SRC, 'partner-center/large-bodies.ts'));
  });

  it('form no cycle', () => {
    expect(findCycles(importGraph()).map((cycle) => cycle.join(' -> '))).toEqual([]);
  });
});
