import { Agent, request } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';
import { startReplica, stopReplicas } from '../support/processes.js';

const DOCUMENTS = 1_100;
/** The default MAX_QUERY_BYTES, less a margin: the largest documents a caller may send. */
const SIZE = 16_384 - 64;
const PARALLEL = 8;

/**
 * Issue 13: yoga's parse cache kept every document that parsed (1,024 for an hour), valid or not, each holding
 * ~500 bytes of heap per token; 1,100 distinct 24 kB documents sent with no token left 1.5 GB live and killed a
 * gateway with a 512 MB heap after 417. Half of these are as heavy as the token limit lets a document be (2,000
 * distinct unknown fields: refused, and never kept), half are valid (kept, within the cache's byte budget).
 */
function document(i: number): string {
  const text =
    i % 2 === 0
      ? `{ ${Array.from({ length: 1_990 }, (_, f) => `f${f}`).join(' ')} } # ${i} `
      : `query Q${i} { customer(id: "${i}") { id } } # `;
  return text + 'x'.repeat(SIZE - Buffer.byteLength(text));
}

afterAll(() => stopReplicas());

describe('a gateway with a 256 MB heap', () => {
  it(`stays up under ${DOCUMENTS} distinct ${SIZE}-byte documents sent without a token, /health answering within 1 s`, async () => {
    // No PARTNER_CENTER_URL: the embedded simulator.
    const gateway = await startReplica({}, ['--max-old-space-size=256']);
    const client = new Agent({ connections: PARALLEL });
    try {
      const origin = gateway.url;
      const statuses = new Map<string, number>();
      let next = 0;
      const worker = async () => {
        for (let i = next++; i < DOCUMENTS; i = next++) {
          const response = await request(`${origin}/graphql`, {
            method: 'POST',
            dispatcher: client,
            headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
            body: JSON.stringify({ query: document(i) }),
          });
          const body = (await response.body.json()) as { errors?: { extensions?: { code?: string; limit?: string } }[] };
          const key = `${response.statusCode} ${body.errors?.map((e) => `${e.extensions?.code}:${e.extensions?.limit ?? ''}`).join(',')}`;
          statuses.set(key, (statuses.get(key) ?? 0) + 1);
        }
      };
      await Promise.all(Array.from({ length: PARALLEL }, worker)).catch((error: unknown) => {
        throw new Error(`${String(error)}\n${gateway.output().slice(-2000)}`);
      });
      expect(Object.fromEntries(statuses)).toEqual({
        '400 QUERY_TOO_COMPLEX:fields': DOCUMENTS / 2,
        '401 UNAUTHENTICATED:': DOCUMENTS / 2,
      });
      expect(gateway.child.exitCode).toBeNull();
      const started = performance.now();
      const health = await request(`${origin}/health`, { signal: AbortSignal.timeout(1_000) });
      expect(health.statusCode).toBe(200);
      await health.body.dump();
      expect(performance.now() - started).toBeLessThan(1_000);
    } finally {
      await client.close();
      await gateway.stop();
    }
    expect(gateway.output()).not.toContain('heap out of memory');
  }, 60_000);
});
