import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as renderGoTemplate } from '@evertdespiegeleer/go-template';
import { parse, parseAllDocuments } from 'yaml';

/**
 * Renders a Helm chart's templates with Go's own text/template (compiled to WebAssembly), given the
 * objects Helm passes them: .Values (values.yaml deep-merged with overrides), .Chart and .Release.
 * It is not Helm: no sprig functions, no `include`/`tpl`/`required`, and a missing key is an error (Helm
 * prints nothing). A chart that renders here uses only what both have, so Helm renders it alike.
 */

export type Manifest = Record<string, any>;
type Values = Record<string, unknown>;

export interface RenderedChart {
  /** The documents of each template file, empty ones (a disabled `if`) left out. */
  readonly files: ReadonlyMap<string, Manifest[]>;
  readonly manifests: readonly Manifest[];
  readonly notes: string;
}

export interface RenderOptions {
  readonly values?: Values;
  readonly releaseName?: string;
  readonly namespace?: string;
}

export function readChart(dir: string): { meta: Values; values: Values; helpers: string; templates: Map<string, string> } {
  const templatesDir = join(dir, 'templates');
  const names = readdirSync(templatesDir).sort();
  const helpers = names.filter((n) => n.startsWith('_')).map((n) => readFileSync(join(templatesDir, n), 'utf8')).join('\n');
  const templates = new Map(names.filter((n) => !n.startsWith('_')).map((n) => [n, readFileSync(join(templatesDir, n), 'utf8')]));
  return {
    meta: parse(readFileSync(join(dir, 'Chart.yaml'), 'utf8')) as Values,
    values: parse(readFileSync(join(dir, 'values.yaml'), 'utf8')) as Values,
    helpers,
    templates,
  };
}

/** Helm's coalescing: maps merge key by key, anything else replaces; null removes the key. */
export function mergeValues(base: Values, overrides: Values): Values {
  const out: Values = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    const current = out[key];
    if (value === null) delete out[key];
    else if (isMap(value) && isMap(current)) out[key] = mergeValues(current, value);
    else out[key] = value;
  }
  return out;
}

function isMap(value: unknown): value is Values {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Chart.yaml's fields as Helm exposes them on .Chart (Go field names). */
function chartObject(meta: Values): Values {
  return Object.fromEntries(
    Object.entries(meta).map(([key, value]) => [key === 'apiVersion' ? 'APIVersion' : key[0]!.toUpperCase() + key.slice(1), value]),
  );
}

export async function renderTemplate(source: string, root: Values): Promise<string> {
  return renderGoTemplate(source, root);
}

export async function renderChart(dir: string, options: RenderOptions = {}): Promise<RenderedChart> {
  const chart = readChart(dir);
  const root = {
    Values: mergeValues(chart.values, options.values ?? {}),
    Chart: chartObject(chart.meta),
    Release: { Name: options.releaseName ?? 'partner-graph', Namespace: options.namespace ?? 'default', Service: 'Helm', IsInstall: true, IsUpgrade: false, Revision: 1 },
  };
  const files = new Map<string, Manifest[]>();
  let notes = '';
  for (const [name, source] of chart.templates) {
    // Helm parses every template with the partials, so `define`d names are visible everywhere.
    const text = await renderTemplate(`${chart.helpers}\n${source}`, root);
    if (name === 'NOTES.txt') {
      notes = text.trim();
      continue;
    }
    files.set(name, parseManifests(text, `templates/${name}`));
  }
  return { files, manifests: [...files.values()].flat(), notes };
}

/** Every non-empty YAML document of a file; a YAML error fails with the file's name. */
export function parseManifests(text: string, source: string): Manifest[] {
  const manifests: Manifest[] = [];
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length > 0) throw new Error(`${source}: ${doc.errors.map((e) => e.message).join('; ')}`);
    const value = doc.toJS() as unknown;
    if (value === null || value === undefined) continue;
    if (!isMap(value)) throw new Error(`${source}: a document is not a mapping`);
    manifests.push(value);
  }
  return manifests;
}
