import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type PothosTypeConfig, type SchemaTypes } from '@pothos/core';
import { ENTITY_KEYS } from './entity-keys.js';
import { costDirectives, type PublishedDirective } from './published-cost.js';

/**
 * Publishes what the gateway enforces as Apollo Federation directives in its subgraph SDL (Federation v2.9):
 * - `@cost`/`@listSize` from each field's complexity (published-cost.ts);
 * - `@authenticated` on every field that needs a caller's token: every root field, and every field of an entity
 *   but its keys (a router resolves those through `_entities`, which needs the token too). Only introspection and
 *   `_service` run without one (use-authentication.ts). No `@requiresScopes`: the gateway checks no scope;
 * - `@shareable` on value types (every object type but entities and Query), and on the scalar and enum fields of
 *   entities: another subgraph may resolve them too, or `@provides` them (a router then skips partner-graph).
 * Listed between the directives and complexity plugins (configs pass right to left): it reads complexity's output
 * and feeds the directives plugin.
 */
export class FederationMetadataPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override onOutputFieldConfig(fieldConfig: PothosOutputFieldConfig<Types>): PothosOutputFieldConfig<Types> {
    const { parentType, name } = fieldConfig;
    const where = `${parentType}.${name}`;
    const published = [
      ...costDirectives(fieldConfig.extensions?.complexity, where),
      ...authDirectives(parentType, name),
      ...(ENTITY_KEYS.get(parentType)?.includes(name) === false && isLeaf(fieldConfig.type) ? [{ name: 'shareable', args: {} }] : []),
    ];
    if (published.length === 0) return fieldConfig;
    return { ...fieldConfig, extensions: { ...fieldConfig.extensions, directives: [...directiveList(fieldConfig.extensions?.directives), ...published] } };
  }

  override onTypeConfig(typeConfig: PothosTypeConfig): PothosTypeConfig {
    if (typeConfig.kind !== 'Object' || ENTITY_KEYS.has(typeConfig.name)) return typeConfig;
    const directives = [...directiveList(typeConfig.extensions?.directives), { name: 'shareable', args: {} }];
    return { ...typeConfig, extensions: { ...typeConfig.extensions, directives } };
  }
}

/** Where a caller's token is needed (see the class comment). */
function authDirectives(parentType: string, field: string): PublishedDirective[] {
  const keys = ENTITY_KEYS.get(parentType);
  const needsToken = parentType === 'Query' || (keys !== undefined && !keys.includes(field));
  return needsToken ? [{ name: 'authenticated', args: {} }] : [];
}

/** A scalar or enum, or a list of them: data of the entity's own resource, which another subgraph may hold too. */
function isLeaf(type: { kind: string; type?: { kind: string } }): boolean {
  const item = type.kind === 'List' ? type.type! : type;
  return item.kind === 'Scalar' || item.kind === 'Enum';
}

/** Pothos directives as a list: they are a list or an object keyed by name. */
function directiveList(directives: unknown): PublishedDirective[] {
  if (!directives) return [];
  if (Array.isArray(directives)) return directives as PublishedDirective[];
  return Object.entries(directives as Record<string, Record<string, unknown>>).map(([name, args]) => ({ name, args }));
}

const pluginName = 'federationMetadata';

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      federationMetadata: FederationMetadataPlugin<Types>;
    }
  }
}

SchemaBuilder.registerPlugin(pluginName, FederationMetadataPlugin);

export default pluginName;
