import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export const ROOT = new URL('../../', import.meta.url).pathname;

/** README, the top-level guides and every page under docs/, as repository-relative paths. */
export function markdownFiles(): string[] {
  const top = ['README.md', 'RELIABILITY.md', 'BENCHMARKS.md', 'CONTRIBUTING.md', 'CHANGELOG.md'].filter((file) => exists(file));
  const docs = readdirSync(join(ROOT, 'docs'), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.md'))
    .map((file) => relative(ROOT, join(ROOT, 'docs', file)));
  return [...top, ...docs];
}

export function read(file: string): string {
  return readFileSync(join(ROOT, file), 'utf8');
}

function exists(file: string): boolean {
  try {
    readFileSync(join(ROOT, file));
    return true;
  } catch {
    return false;
  }
}

export interface CodeBlock {
  lang: string;
  text: string;
  line: number;
}

export function codeBlocks(markdown: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const pattern = /^```(\w*)\n([\s\S]*?)^```$/gm;
  for (const match of markdown.matchAll(pattern)) {
    blocks.push({ lang: match[1] ?? '', text: match[2] ?? '', line: markdown.slice(0, match.index).split('\n').length });
  }
  return blocks;
}

/** Markdown with its fenced code blocks blanked out, so links and headings inside code are not read. */
export function prose(markdown: string): string {
  return markdown.replace(/^```[\s\S]*?^```$/gm, (block) => block.replace(/[^\n]/g, ' '));
}

/** GitHub's anchor for a heading: lower-case, punctuation dropped, spaces to hyphens. */
export function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[`*_]/g, '')
    .replace(/[^\p{L}\p{N} -]/gu, '')
    .replace(/ /g, '-');
}

export function anchors(markdown: string): Set<string> {
  return new Set([...prose(markdown).matchAll(/^#{1,6} (.+)$/gm)].map((match) => slug(match[1] ?? '')));
}
