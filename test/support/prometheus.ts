import { request } from 'undici';

export interface Sample {
  labels: Record<string, string>;
  value: number;
}

export interface Scrape {
  status: number;
  contentType: string;
  text: string;
  /** Every sample of one series name (e.g. `x_total`, `x_bucket`, `x_count`), in exposition order. */
  samples(name: string): Sample[];
  /** Whether the exposition declares the metric (its `# TYPE` line), even with no samples. */
  declares(name: string): boolean;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)(?: \d+)?$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

/** GET /metrics with no headers at all, parsed from the Prometheus text format (0.0.4). */
export async function scrape(baseUrl: string): Promise<Scrape> {
  const response = await request(`${baseUrl}/metrics`);
  const text = await response.body.text();
  return { status: response.statusCode, contentType: String(response.headers['content-type']), text, ...parse(text) };
}

export function parse(text: string): Pick<Scrape, 'samples' | 'declares'> {
  const series = new Map<string, Sample[]>();
  const types = new Set<string>();
  for (const line of text.split('\n')) {
    if (line.startsWith('# TYPE ')) types.add(line.split(' ')[2]!);
    if (line === '' || line.startsWith('#')) continue;
    const match = SAMPLE.exec(line);
    if (!match) throw new Error(`not a Prometheus sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const [, name, value] of (match[2] ?? '').matchAll(LABEL)) {
      labels[name!] = value!.replace(/\\n/g, '\n').replace(/\\"/g, '"').replace(/\\\\/g, '\\');
    }
    const list = series.get(match[1]!) ?? [];
    list.push({ labels, value: Number(match[3]) });
    series.set(match[1]!, list);
  }
  return { samples: (name) => series.get(name) ?? [], declares: (name) => types.has(name) };
}
