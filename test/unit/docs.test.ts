import { existsSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { anchors, codeBlocks, markdownFiles, prose, read, ROOT } from '../support/markdown.js';

const files = markdownFiles();
const schema = buildSchema(read('schema.graphql'));

describe('documentation', () => {
  it('covers README and every docs/ page', () => {
    expect(files).toContain('README.md');
    expect(files).toContain('docs/getting-started.md');
    expect(files.filter((file) => file.startsWith('docs/')).length).toBeGreaterThanOrEqual(9);
  });

  it.each(files)('%s: every relative link resolves inside the repository, anchors included', (file) => {
    const broken: string[] = [];
    for (const match of prose(read(file)).matchAll(/\]\(([^)\s]+)\)/g)) {
      const target = match[1] ?? '';
      if (/^[a-z]+:/i.test(target)) continue;
      const [path = '', anchor] = target.split('#');
      const resolved = path === '' ? file : normalize(join(dirname(file), path));
      if (resolved.startsWith('..')) broken.push(`${target}: leaves the repository`);
      else if (!existsSync(join(ROOT, resolved))) broken.push(`${target}: no such file`);
      else if (anchor && resolved.endsWith('.md') && !anchors(read(resolved)).has(anchor)) broken.push(`${target}: no such heading`);
    }
    expect(broken).toEqual([]);
  });

  it.each(files)('%s: every GraphQL sample validates against schema.graphql', (file) => {
    const problems: string[] = [];
    for (const block of codeBlocks(read(file)).filter((b) => b.lang === 'graphql')) {
      const errors = validate(schema, parse(block.text));
      for (const error of errors) problems.push(`line ${block.line}: ${error.message}`);
    }
    expect(problems).toEqual([]);
  });

  it('the README stays short', () => {
    expect(read('README.md').length).toBeLessThan(8000);
  });
});
