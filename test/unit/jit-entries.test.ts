import { parse, type DocumentNode } from 'graphql';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { documentBytes } from '../../src/plugins/performance/document-cache.js';
import { jitEntries, useJit } from '../../src/plugins/performance/use-jit.js';

/** Runs the plugin's onExecute for one document, as yoga would before executing it. */
function execute(plugin: ReturnType<typeof useJit>, document: DocumentNode): void {
  const onExecute = plugin.onExecute as unknown as (payload: object) => void;
  onExecute({ args: { document, operationName: null }, executeFn: () => undefined, setExecuteFn: () => undefined });
}

const documentOf = (fields: number, salt: number) => parse(`{ ${Array.from({ length: fields }, (_, i) => `f${salt}_${i}`).join(' ')} }`);

describe("graphql-jit's document states", () => {
  it('are bounded by the bytes their documents hold, not by a count a caller could fill with big documents', () => {
    const maxBytes = 2 * 1024 * 1024;
    const entries = jitEntries(maxBytes);
    const plugin = useJit(pino({ level: 'silent' }), 10, entries);
    const big = documentOf(1000, 0);
    expect(documentBytes(big.loc!.source.body, big)).toBeGreaterThan(400_000);
    for (let salt = 0; salt < 50; salt += 1) execute(plugin, documentOf(1000, salt));
    expect(entries.calculatedSize).toBeLessThanOrEqual(maxBytes);
    expect(entries.size).toBeLessThan(10);
    expect(entries.size).toBeGreaterThan(0);
  });
});
