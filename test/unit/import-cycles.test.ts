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

/** Directories (src-relative) whose files must not import from the listed ones: data flows one way. */
const LAYERS: ReadonlyArray<[from: string, mustNotImport: string[]]> = [
  ['partner-center/transport/', ['partner-center/client/', 'partner-center/loaders/', 'schema/', 'plugins/', 'app/', 'server/']],
  ['partner-center/client/', ['partner-center/loaders/', 'schema/', 'plugins/', 'app/', 'server/']],
  ['partner-center/loaders/', ['schema/', 'plugins/', 'app/', 'server/']],
  ['schema/', ['plugins/', 'server/', 'simulator/']],
  ['observability/', ['plugins/', 'schema/', 'server/']],
  ['concurrency/', ['app/', 'plugins/', 'schema/', 'partner-center/', 'server/', 'observability/']],
];

/** Every import that goes against LAYERS, as `from -> to` (src-relative). */
function layerBreaches(graph: Map<string, string[]>): string[] {
  const breaches: string[] = [];
  for (const [file, targets] of graph) {
    const from = relative(SRC, file);
    for (const [layer, forbidden] of LAYERS) {
      if (!from.startsWith(layer)) continue;
      for (const target of targets.map((path) => relative(SRC, path))) {
        if (forbidden.some((dir) => target.startsWith(dir))) breaches.push(`${from} -> ${target}`);
      }
    }
  }
  return breaches.sort();
}

describe('src/ imports', () => {
  it('finds the modules it walks', () => {
    const graph = importGraph();
    expect(graph.size).toBeGreaterThan(50);
    expect(graph.get(join(SRC, 'partner-center/transport/http.ts'))).toContain(join(SRC, 'partner-center/transport/large-bodies.ts'));
  });

  it('go one way: transport <- client <- loaders <- schema', () => {
    expect(layerBreaches(importGraph())).toEqual([]);
  });

  it('form no cycle', () => {
    expect(findCycles(importGraph()).map((cycle) => cycle.join(' -> '))).toEqual([]);
  });
});
