import { Kind, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';

export interface ShapeLimits {
  /** Most field selections, each fragment counted where it is spread. */
  maxFields: number;
  /** Most selections answering one response field: the same response key at the same path. */
  maxFieldRepeats: number;
  /** Most distinct fragments spread into one selection, nested spreads included. */
  maxFragmentSpreads: number;
}

export type ShapeViolation = { limit: 'fields' | 'fragments'; max: number } | { limit: 'repeats'; max: number; field: string };

/**
 * One linear pass over a parsed document, before graphql-js validates it. graphql-js's
 * OverlappingFieldsCanBeMerged compares every pair of selections that answer the same response field, through
 * fragments and nested selections, and every pair of fragments spread into one selection, so its cost grows with
 * the square of either: `orders { id }` 1,000 times under one customer costs it a fraction of a second. Here fields are counted as if every fragment were
 * written out where it is spread, and selections are grouped by response path as execution merges them; the
 * walk stops at the first count over its limit, so it never does more than `maxFields` steps of field work.
 * Iterative: no document nests deep enough to overflow the stack here.
 */
export function checkShape(document: DocumentNode, limits: ShapeLimits): ShapeViolation | undefined {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const reached = new Set<string>();
  const budget = { fields: limits.maxFields };
  // Operations first, then fragments no operation spreads: graphql-js validates those too.
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    const violation = walk([definition.selectionSet], fragments, reached, budget, limits);
    if (violation) return violation;
  }
  for (const [name, fragment] of fragments) {
    if (reached.has(name)) continue;
    reached.add(name);
    const violation = walk([fragment.selectionSet], fragments, reached, budget, limits);
    if (violation) return violation;
  }
  return undefined;
}

/** Walks one root: each task is the selection sets merged into one response path. */
function walk(
  root: SelectionSetNode[],
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  reached: Set<string>,
  budget: { fields: number },
  limits: ShapeLimits,
): ShapeViolation | undefined {
  const tasks: SelectionSetNode[][] = [root];
  for (let task = tasks.pop(); task; task = tasks.pop()) {
    const spread = new Set<string>();
    const byKey = new Map<string, { count: number; children: SelectionSetNode[] }>();
    const pending = [...task];
    for (let set = pending.pop(); set; set = pending.pop()) {
      for (const selection of set.selections) {
        if (selection.kind === Kind.INLINE_FRAGMENT) {
          pending.push(selection.selectionSet);
        } else if (selection.kind === Kind.FRAGMENT_SPREAD) {
          const name = selection.name.value;
          const fragment = fragments.get(name);
          // graphql-js collects each fragment once per merged selection; unknown ones are its error to report.
          if (spread.has(name) || !fragment) continue;
          spread.add(name);
          if (spread.size > limits.maxFragmentSpreads) return { limit: 'fragments', max: limits.maxFragmentSpreads };
          reached.add(name);
          pending.push(fragment.selectionSet);
        } else {
          budget.fields -= 1;
          if (budget.fields < 0) return { limit: 'fields', max: limits.maxFields };
          const key = selection.alias?.value ?? selection.name.value;
          let entry = byKey.get(key);
          if (!entry) byKey.set(key, (entry = { count: 0, children: [] }));
          entry.count += 1;
          if (entry.count > limits.maxFieldRepeats) return { limit: 'repeats', max: limits.maxFieldRepeats, field: key };
          if (selection.selectionSet) entry.children.push(selection.selectionSet);
        }
      }
    }
    for (const { children } of byKey.values()) if (children.length > 0) tasks.push(children);
  }
  return undefined;
}
