import type { EntityKeys } from './entity-representations.js';

/** Each Apollo Federation entity's `@key` fields (entities.ts declares them; entity-representations.ts checks against them). */
export const ENTITY_KEYS: EntityKeys = new Map([
  ['Customer', ['id']],
  ['Order', ['customerId', 'id']],
]);
