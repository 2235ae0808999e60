import { Writable } from 'node:stream';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app/create-app.js';
import { loadConfig } from '../../src/config.js';
import { DocumentCache, documentBytes } from '../../src/plugins/performance/document-cache.js';
import { createLogger } from '../../src/observability/logger.js';
import { createClientOver } from '../../src/partner-center/client/client.js';

const A = 'b0d70a69-4c42-4b27-b17b-91a835d8686a';

/** The app in-process with the given cache; no token is ever sent, so Partner Center is never called. */
function appWith(cache: DocumentCache) {
  const upstream = createClientOver(() => Promise.reject(new Error('no upstream call is expected')));
  const logger = createLogger({ level: 'silent', destination: new Writable({ write: (_c, _e, cb) => cb() }) });
  const app = createApp({ config: loadConfig({ NODE_ENV: 'test' }), logger, upstream, documentCache: cache });
  return async (query: string) => {
    const response = await app.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({ query }),
    });
    const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
    return { status: response.status, codes: (body.errors ?? []).map((e) => e.extensions?.code) };
  };
}

describe('the parse/validation cache', () => {
  it('keeps a document only once it validated: one that fails validation is never kept, whatever it costs to parse', async () => {
    const cache = new DocumentCache(16 * 1024 * 1024);
    const send = appWith(cache);
    const invalid = `{ customer(id: "${A}") { ${Array.from({ length: 500 }, (_, i) => `f${i}`).join(' ')} } }`;
    for (let i = 0; i < 3; i++) expect((await send(invalid)).codes[0]).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(await send('{ __typename ')).toEqual({ status: 400, codes: ['GRAPHQL_PARSE_FAILED'] });
    expect(cache.entries).toBe(0);
    expect(cache.bytes).toBe(0);

    // A valid one is kept (its execution is refused: no token) and served from the cache next time.
    const valid = `{ customer(id: "${A}") { id } }`;
    expect(await send(valid)).toEqual({ status: 401, codes: ['UNAUTHENTICATED'] });
    expect(cache.entries).toBe(1);
    expect(cache.bytes).toBe(documentBytes(valid, parse(valid)));
    expect(cache.get(valid)).toBeDefined();
    expect(await send(valid)).toEqual({ status: 401, codes: ['UNAUTHENTICATED'] });
    expect(cache.entries).toBe(1);
  });

  it('stays within its byte budget however many distinct valid documents arrive', async () => {
    const budget = 256 * 1024;
    const cache = new DocumentCache(budget);
    const send = appWith(cache);
    let sentBytes = 0;
    for (let i = 0; i < 300; i++) {
      // Distinct texts (the id), each valid, with a comment making them ~3 kB.
      const query = `# ${'x'.repeat(3_000)}\nquery Q${i} { customer(id: "${i}") { id companyProfile { companyName domain } orders { id status lineItems { offerId quantity } } } }`;
      sentBytes += documentBytes(query, parse(query));
      expect((await send(query)).codes).toEqual(['UNAUTHENTICATED']);
      expect(cache.bytes).toBeLessThanOrEqual(budget);
    }
    expect(sentBytes).toBeGreaterThan(4 * budget);
    expect(cache.entries).toBeGreaterThan(0);
    expect(cache.entries).toBeLessThan(300);
  });

  it('never keeps a document larger than the whole budget, and keeps nothing at DOCUMENT_CACHE_BYTES=0', async () => {
    const tiny = new DocumentCache(1024);
    await appWith(tiny)(`{ customer(id: "${A}") { id companyProfile { companyName } } }`);
    expect(tiny.entries).toBe(0);
    const off = new DocumentCache(0);
    await appWith(off)(`{ customer(id: "${A}") { id } }`);
    expect(off.entries).toBe(0);
  });
});
