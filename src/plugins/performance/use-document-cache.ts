import type { DocumentNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { DocumentCache } from './document-cache.js';

/**
 * Parses and validates a document text once: later requests with the same text get the same DocumentNode and skip
 * validation. Unlike yoga's own cache (turned off in create-app.ts), which keeps 1,024 documents for an hour as soon as
 * they parse, valid or not (1,100 distinct 24 kB documents held 1.5 GB), a document is kept only after it validated,
 * in a cache bounded in bytes (document-cache.ts). Validation depends only on the schema and the rules, which are
 * fixed for the app, so a kept document is valid for every request.
 */
export function useDocumentCache(cache: DocumentCache): Plugin {
  /** Documents this process saw validate: skipped by validation whoever holds them. */
  const valid = new WeakSet<DocumentNode>();
  /** The text each freshly parsed document came from, until it validates (or is dropped). */
  const sources = new WeakMap<DocumentNode, string>();
  return {
    onParse({ params, setParsedDocument }) {
      const source = typeof params.source === 'string' ? params.source : params.source.body;
      const cached = cache.get(source);
      if (cached) {
        setParsedDocument(cached);
        return undefined;
      }
      return ({ result }) => {
        if (result && !(result instanceof Error)) sources.set(result as DocumentNode, source);
      };
    },
    onValidate({ params, setResult }) {
      const document = params.documentAST;
      if (valid.has(document)) {
        setResult([]);
        return undefined;
      }
      return ({ valid: passed }) => {
        const source = sources.get(document);
        if (!passed || source === undefined) return;
        valid.add(document);
        cache.set(source, document);
      };
    },
  };
}
