/** Small builders for the JSON envelopes every resource shares (API-FACTS 0.3). */
import type { Link, LinkHeader, ResourceCollection } from './types.js';

export function link(uri: string, method = 'GET', headers: LinkHeader[] = []): Link {
  return { uri, method, headers };
}

/** Opaque etag in the style of the docs' examples: base64 of {"id":...,"version":n}. */
export function etagFor(id: string, version = 1): string {
  return Buffer.from(JSON.stringify({ id, version })).toString('base64');
}

/** ResourceCollection<T>: totalCount is the number of items in this response (API-FACTS 0.3). */
export function collection<T>(items: T[], selfUri?: string): ResourceCollection<T> {
  return {
    totalCount: items.length,
    items,
    ...(selfUri === undefined ? {} : { links: { self: link(selfUri) } }),
    attributes: { objectType: 'Collection' },
  };
}

/** Money is rounded to cents so sums stay byte-identical across runs. */
export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

/** Drops undefined-valued keys (keeping order): the service leaves null properties out instead of sending null. */
export function compact<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  const source = value as Record<string, unknown>;
  // for...in rather than Object.entries: this runs for every generated order, line item and subscription.
  for (const key in source) {
    const v = source[key];
    if (v !== undefined) out[key] = v;
  }
  return out as T;
}
