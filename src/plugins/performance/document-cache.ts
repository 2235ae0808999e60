import type { DocumentNode } from 'graphql';
import { LRUCache } from 'lru-cache';

/**
 * Heap a parsed document holds per lexical token: its Token (graphql-js links every token, comments included,
 * from `loc`), and the AST nodes and Locations around it. Measured with `--expose-gc` over 100 documents of each
 * shape: 481 bytes for `{ a a a … }` (a Field, a Name and two Locations per token), 242–282 for arguments,
 * variables, directives, fragments and comments.
 */
export const BYTES_PER_TOKEN = 500;

/** Estimated heap of a parsed document and its source text (two bytes a character at most). */
export function documentBytes(source: string, document: DocumentNode): number {
  let tokens = 0;
  for (let token = document.loc?.startToken ?? null; token; token = token.next) tokens += 1;
  return 2 * source.length + tokens * BYTES_PER_TOKEN;
}

/**
 * Parsed documents that validated, by source text, bounded by their estimated heap (not by count: one document
 * near the token limit holds a thousand times what a frontend's operation holds). Least recently used go first; a
 * document larger than the whole budget is never kept. Only the validation plugin puts documents in, and only
 * valid ones, so a caller sending ever-new or broken documents costs the cache nothing it keeps.
 */
export class DocumentCache {
  readonly maxBytes: number;
  private readonly lru: LRUCache<string, DocumentNode> | undefined;

  /** `maxBytes` 0: nothing is kept. */
  constructor(maxBytes: number) {
    this.maxBytes = maxBytes;
    this.lru = maxBytes > 0 ? new LRUCache({ maxSize: maxBytes, sizeCalculation: (document, source) => documentBytes(source, document) }) : undefined;
  }

  get(source: string): DocumentNode | undefined {
    return this.lru?.get(source);
  }

  set(source: string, document: DocumentNode): void {
    this.lru?.set(source, document);
  }

  /** Documents kept. */
  get entries(): number {
    return this.lru?.size ?? 0;
  }

  /** Estimated bytes kept: never more than `maxBytes`. */
  get bytes(): number {
    return this.lru?.calculatedSize ?? 0;
  }
}
