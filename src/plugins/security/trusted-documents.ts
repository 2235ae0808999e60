import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * A trusted-documents manifest: `{ "<sha256 of the document>": "<document>" }`, as GraphQL Code
 * Generator's client preset and other persisted-document tools emit it. Checked at start-up: every
 * key must be the document's own sha256, so a manifest cannot smuggle a document under a false id.
 */
const manifestSchema = z.record(z.string().regex(/^[0-9a-f]{64}$/, 'keys must be sha256 hex digests'), z.string().min(1));

export type TrustedDocuments = ReadonlyMap<string, string>;

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function loadTrustedDocuments(path: string): TrustedDocuments {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`TRUSTED_DOCUMENTS: cannot read ${path} as JSON (${(error as Error).message})`);
  }
  const manifest = manifestSchema.safeParse(parsed);
  if (!manifest.success) throw new Error(`TRUSTED_DOCUMENTS: ${manifest.error.issues.map((i) => i.message).join('; ')}`);
  const documents = new Map<string, string>();
  for (const [hash, document] of Object.entries(manifest.data)) {
    if (sha256(document) !== hash) throw new Error(`TRUSTED_DOCUMENTS: ${hash} is not the sha256 of its document`);
    documents.set(hash, document);
  }
  return documents;
}
