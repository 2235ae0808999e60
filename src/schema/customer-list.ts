import type { Context } from '../app/context.js';
import { badUserInput } from '../errors.js';
import { isFollowableCustomerLink } from '../partner-center/client/customer-list-calls.js';
import type { CustomerPageKey } from '../partner-center/loaders/loaders.js';
import { builder } from './builder.js';
import { slicedList } from './published-cost.js';
import { CustomerType } from './customer.js';
import type { CustomerParent } from './customer-parent.js';
import { decodeCursor, encodeCursor, MAX_FILTER_LENGTH, MAX_PAGE_SIZE, type CursorPosition } from './customer-cursor.js';

interface Edge {
  readonly cursor: string;
  readonly node: CustomerParent;
}

interface Connection {
  readonly edges: readonly Edge[];
  readonly pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  readonly totalCount: number | null;
}

const DEFAULT_FIRST = 20;

export const PageInfoType = builder.objectRef<Connection['pageInfo']>('PartnerCenterPageInfo').implement({
  description: 'Where a page of a connection stands (Relay). Paging is forward only: `first` and `after`.',
  fields: (t) => ({
    hasNextPage: t.exposeBoolean('hasNextPage', { nullable: false, description: 'Whether more items follow: pass `endCursor` as `after` to get them.' }),
    hasPreviousPage: t.exposeBoolean('hasPreviousPage', { nullable: false, description: 'True when `after` was given. There is no backward paging.' }),
    startCursor: t.exposeString('startCursor', { description: 'Cursor of the first edge; null when the page is empty.' }),
    endCursor: t.exposeString('endCursor', { description: 'Cursor of the last edge, the `after` for the next page; null when the page is empty.' }),
  }),
});

export const CustomerEdgeType = builder.objectRef<Edge>('PartnerCenterCustomerEdge').implement({
  description: 'A customer in a `customerList` page, with the cursor to continue after it.',
  fields: (t) => ({
    cursor: t.exposeString('cursor', { nullable: false, description: 'Opaque position after this customer; pass it as `after`. Valid only on the deployment that issued it.' }),
    node: t.field({ type: CustomerType, nullable: false, description: 'The customer.', resolve: (e) => e.node }),
  }),
});

export const CustomerConnectionType = builder.objectRef<Connection>('PartnerCenterCustomerConnection').implement({
  description: 'A page of the partner\'s customers (a Relay connection). Each page costs one Partner Center call; see docs/cost-model.md.',
  fields: (t) => ({
    edges: t.field({
      type: [CustomerEdgeType],
      nullable: false,
      complexity: { field: 1, multiplier: 1 }, // customerList already multiplies by `first`
      description: 'The customers of this page, in Partner Center\'s order; empty when none match.',
      resolve: (c) => c.edges,
    }),
    pageInfo: t.field({ type: PageInfoType, nullable: false, description: 'Whether more customers follow, and the cursor to get them.', resolve: (c) => c.pageInfo }),
    totalCount: t.int({
      description:
        'How many customers match in all. Known only when the whole list came in this one page (no `after` and no next page); null otherwise, because Partner Center\'s count is per page, not a grand total.',
      resolve: (c) => c.totalCount,
    }),
  }),
});

builder.queryField('customerList', (t) =>
  t.field({
    type: CustomerConnectionType,
    // Nullable like every field backed by an upstream call: a failed page costs this field only.
    complexity: slicedList({ field: 2, argument: 'first', fallback: DEFAULT_FIRST, max: MAX_PAGE_SIZE, sizedFields: ['edges'] }),
    description: [
      'The partner\'s customers, a page at a time, forward only. Walking every page yields every customer once.',
      'On its nodes, `id`, `companyProfile { tenantId domain companyName }` and `relationshipToPartner` come with the page; other profile fields cost one call per customer (docs/cost-model.md).',
      'Null, with the error, when Partner Center cannot list them; bad arguments or cursors are BAD_USER_INPUT.',
    ].join(' '),
    args: {
      first: t.arg.int({ description: `Customers per page, 1 to ${MAX_PAGE_SIZE}; default ${DEFAULT_FIRST}. With \`after\`, a page holds at most as many as the first page did.` }),
      after: t.arg.string({ description: 'Continue after this cursor (`pageInfo.endCursor` or an edge\'s `cursor`). A cursor that was altered, made up, or issued by another deployment (or before a restart, when the server has no fixed cursor secret) is BAD_USER_INPUT.' }),
      companyNameStartsWith: t.arg.string({
        description: `Only customers whose company name starts with this (case-insensitive, 1 to ${MAX_FILTER_LENGTH} characters). With \`after\` it must be the same as when the list was opened (or omitted only if it was omitted then).`,
      }),
    },
    resolve: (_, args, ctx) => customerList(args, ctx),
  }),
);

async function customerList(args: { first?: number | null; after?: string | null; companyNameStartsWith?: string | null }, ctx: Context): Promise<Connection> {
  const first = args.first ?? DEFAULT_FIRST;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badUserInput(`first must be between 1 and ${MAX_PAGE_SIZE}.`, { argument: 'first', min: 1, max: MAX_PAGE_SIZE });
  }
  const filter = args.companyNameStartsWith ?? null;
  if (filter !== null && (filter.length < 1 || filter.length > MAX_FILTER_LENGTH || /\p{Cc}/u.test(filter))) {
    throw badUserInput(`companyNameStartsWith must be 1 to ${MAX_FILTER_LENGTH} characters without control characters.`, { argument: 'companyNameStartsWith' });
  }
  const secret = ctx.config.cursors.secret;
  const position: CursorPosition = args.after == null ? { size: first, filter, page: null, skip: 0 } : resume(args.after, filter, secret);
  const empty = { edges: [], totalCount: null, pageInfo: { hasNextPage: false, hasPreviousPage: true, startCursor: null, endCursor: null } };
  if (position.page === 'end') return empty;

  const key: CustomerPageKey =
    position.page === null
      ? { first: { size: position.size, ...(filter === null ? {} : { companyNameStartsWith: filter }) } }
      : { next: position.page };
  const page = await ctx.loaders.customerPage.load(key);
  const taken = page.items.slice(position.skip, position.skip + first);
  const edges = taken.map((item, index): Edge => {
    const consumed = position.skip + index + 1;
    // After the last customer of this page the cursor is the page's `links.next`, so resuming is one call.
    const after: CursorPosition =
      consumed < page.items.length
        ? { ...position, skip: consumed }
        : { size: position.size, filter, page: page.next ?? 'end', skip: 0 };
    return { cursor: encodeCursor(secret, after), node: { id: item.id, summary: item } };
  });
  return {
    edges,
    totalCount: position.page === null && page.next === undefined ? page.items.length : null,
    pageInfo: {
      hasNextPage: position.skip + taken.length < page.items.length || page.next !== undefined,
      hasPreviousPage: args.after != null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

function resume(after: string, filter: string | null, secret: string): CursorPosition {
  const position = decodeCursor(secret, after);
  if (!position || (typeof position.page === 'object' && position.page !== null && !isFollowableCustomerLink(position.page))) {
    throw badUserInput('after is not a cursor this gateway issued (altered, or from another deployment or before a restart).', { argument: 'after' });
  }
  if (position.filter !== filter) {
    throw badUserInput('after belongs to a list with a different companyNameStartsWith; pass the same value as for the first page.', { argument: 'companyNameStartsWith' });
  }
  return position;
}
