import { describe, expect, it } from 'vitest';
import { codeBlocks, markdownFiles, read } from '../support/markdown.js';
import { useGateway } from '../support/shared-gateway.js';

/** The address the docs' samples use (`npm start`'s); the test sends each sample to its own gateway on port 0 instead. */
const DOCUMENTED_GRAPHQL = new RegExp(`curl .*localhost:${4000}/graphql`, 's');

/** A documented `curl <DOCUMENTED_GRAPHQL> -H … -d '…'` sample as the request it makes. */
interface CurlSample {
  file: string;
  line: number;
  headers: Record<string, string>;
  body: string;
  /** The JSON block right after the sample, when the docs show its answer. */
  answer?: string;
}

function curlSamples(): CurlSample[] {
  const samples: CurlSample[] = [];
  for (const file of markdownFiles()) {
    const blocks = codeBlocks(read(file));
    blocks.forEach((block, index) => {
      if (block.lang !== 'sh' || !DOCUMENTED_GRAPHQL.test(block.text)) return;
      const text = block.text.replace(/\\\n/g, ' ');
      const headers = Object.fromEntries([...text.matchAll(/-H '([^:']+):\s*([^']*)'/g)].map((m) => [m[1]!.toLowerCase(), m[2]!]));
      const body = /-d '([^']*)'/.exec(text)?.[1] ?? '';
      const next = blocks[index + 1];
      samples.push({ file, line: block.line, headers, body, ...(next?.lang === 'json' ? { answer: next.text } : {}) });
    });
  }
  return samples;
}

const samples = curlSamples();
const gateway = useGateway();

describe('curl samples in the docs', () => {
  it('finds the README one and the getting-started one', () => {
    expect(samples.map((s) => s.file)).toEqual(expect.arrayContaining(['README.md', 'docs/getting-started.md']));
  });

  it.each(samples.map((s) => [`${s.file}:${s.line}`, s] as const))('%s answers as documented, with no errors', async (_name, sample) => {
    const response = await fetch(`${gateway.url}/graphql`, { method: 'POST', headers: sample.headers, body: sample.body });
    const body = (await response.json()) as { errors?: unknown };
    expect(response.status).toBe(200);
    expect(body.errors).toBeUndefined();
    if (sample.answer !== undefined) expect(body).toEqual(JSON.parse(sample.answer));
  });
});
