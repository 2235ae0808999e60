export interface JsonLimits {
  /** Deepest nesting of lists and objects (a scalar at the top is depth 0). */
  maxDepth: number;
  /** Most values: every object, list and scalar, keys not counted. */
  maxValues: number;
}

/**
 * Which limit a parsed JSON value exceeds, if any, found without recursion: a value nested thousands deep (JSON.parse
 * builds it iteratively) overflows the stack of the first recursive walk over it, such as JSON.stringify or
 * graphql-js's input coercion. Stops at the first value over a limit, so it costs at most `maxValues` steps.
 */
export function exceededLimit(value: unknown, limits: JsonLimits): 'depth' | 'values' | undefined {
  const pending: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  let values = 0;
  for (let next = pending.pop(); next; next = pending.pop()) {
    values += 1;
    if (values > limits.maxValues) return 'values';
    if (next.value === null || typeof next.value !== 'object') continue;
    const depth = next.depth + 1;
    if (depth > limits.maxDepth) return 'depth';
    const children = Array.isArray(next.value) ? next.value : Object.values(next.value as Record<string, unknown>);
    for (const child of children) pending.push({ value: child, depth });
  }
  return undefined;
}
