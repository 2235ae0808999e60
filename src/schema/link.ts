import type { LinkDto } from '../partner-center/client/types.js';
import { builder } from './builder.js';
import { KeyValueType } from './line-item.js';

export const LinkType = builder.objectRef<LinkDto>('PartnerCenterLink').implement({
  description: 'A link as Partner Center sent it: a URI (usually relative to the Partner Center API, not this gateway), its method and headers.',
  fields: (t) => ({
    uri: t.string({ description: 'The URI as sent, e.g. `/customers/{id}/subscriptions/{id}` or an absolute activation URL.', resolve: (l) => (typeof l.uri === 'string' ? l.uri : null) }),
    method: t.string({ description: 'HTTP method, e.g. `GET`.', resolve: (l) => (typeof l.method === 'string' ? l.method : null) }),
    headers: t.field({
      type: [KeyValueType],
      nullable: false,
      description: 'Headers to send with it; usually empty.',
      resolve: (l) =>
        Array.isArray(l.headers)
          ? l.headers.filter((h) => h !== null && typeof h === 'object' && typeof h.key === 'string').map((h) => ({ key: h.key, value: String(h.value ?? '') }))
          : [],
    }),
  }),
});

/** A link property, or null when it is absent or not an object. */
export function linkOrNull(value: unknown): LinkDto | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as LinkDto) : null;
}
