import { createInMemoryAPQStore, useAPQ, type APQStore } from '@graphql-yoga/plugin-apq';
import type { Plugin } from 'graphql-yoga';
import type { SharedStore } from '../../state/shared-store.js';

export interface AutomaticPersistedQueriesOptions {
  /** Most query texts kept (least recently used go first). Default 1000. */
  maxEntries?: number;
  /** Longest query text kept, in characters; longer ones run but are never persisted. Default 10000. */
  maxQueryLength?: number;
  /** How long an unused entry lives, ms. Default one hour. */
  ttlMs?: number;
  /** Where replicas share texts (Redis), behind this process's LRU. Default: the LRU alone. */
  shared?: SharedStore;
}

/**
 * Automatic persisted queries (Apollo's protocol): a client sends only the sha256 of its query and
 * sends the text once, when told PERSISTED_QUERY_NOT_FOUND; the plugin checks that the text hashes
 * to the id (PERSISTED_QUERY_MISMATCH otherwise) before storing it.
 *
 * The store maps a hash to a query text and nothing else: never a result, a token or a variable,
 * so one process-wide store is safe to share between callers. Anyone may register a text before
 * authenticating, so the store is bounded in entries and in the size of each entry: at most
 * maxEntries x maxQueryLength characters, whatever callers send. With a shared store (Redis) a text
 * registered on one replica is found by the others, within the same bounds of size and time.
 */
export function useAutomaticPersistedQueries(options: AutomaticPersistedQueriesOptions = {}): Plugin {
  const { maxEntries = 1000, maxQueryLength = 10_000, ttlMs = 3_600_000, shared } = options;
  const lru = createInMemoryAPQStore({ max: maxEntries, ttl: ttlMs });
  const store: APQStore = {
    get: (hash) => {
      const local = lru.get(hash);
      if (local !== undefined || !shared) return local;
      return shared.get(`apq:${hash}`).then((text) => {
        if (text !== undefined) lru.set(hash, text);
        return text ?? null;
      });
    },
    // Not storing an oversized text only costs its client the full text on every request.
    set: (hash, query) => {
      if (query.length > maxQueryLength) return undefined;
      lru.set(hash, query);
      return shared?.set(`apq:${hash}`, query, ttlMs);
    },
  };
  const apq = useAPQ({ store });
  const onParams = apq.onParams!;
  return {
    ...apq,
    // The plugin's hook is async: called for every request, it costs each one a promise and a microtask turn.
    onParams: (payload) => (payload.params.extensions?.persistedQuery == null ? undefined : onParams(payload)),
  };
}
