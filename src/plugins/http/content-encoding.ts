import type { PageEncoding } from './graphiql-page.js';

/** Ties go to the smallest body. */
const PREFERENCE: readonly PageEncoding[] = ['br', 'gzip', 'identity'];

/**
 * The encoding to send for an `Accept-Encoding` header (RFC 9110 §12.5.3): the highest q-value wins,
 * q=0 excludes, `*` stands for the codings not named, and identity is acceptable unless excluded.
 * No header: identity. Nothing acceptable: identity too (the header is then disregarded, as the RFC allows).
 */
export function chooseEncoding(header: string | null): PageEncoding {
  if (header === null) return 'identity';
  const weights = parse(header);
  // Identity, when not named, ranks below every coding the client named (as the `negotiator` package does).
  const implicitIdentity = Math.min(1, ...[...weights.values()].filter((q) => q > 0));
  const weight = (coding: PageEncoding) => weights.get(coding) ?? weights.get('*') ?? (coding === 'identity' ? implicitIdentity : 0);
  let best: PageEncoding = 'identity';
  let bestWeight = 0;
  for (const coding of PREFERENCE) {
    const q = weight(coding);
    if (q > bestWeight) [best, bestWeight] = [coding, q];
  }
  return best;
}

/** Coding (lower case, `x-gzip` as `gzip`) to q-value; a malformed q counts as 0. */
function parse(header: string): Map<string, number> {
  const weights = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    if (name === '') continue;
    const qParam = params.find((p) => /^q\s*=/.test(p));
    const q = qParam === undefined ? 1 : qValue(qParam.slice(qParam.indexOf('=') + 1).trim());
    weights.set(name === 'x-gzip' ? 'gzip' : name, q);
  }
  return weights;
}

function qValue(text: string): number {
  if (!/^(0(\.\d{0,3})?|1(\.0{0,3})?)$/.test(text)) return 0;
  return Number(text);
}
