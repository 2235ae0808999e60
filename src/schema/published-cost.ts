/**
 * The gateway's cost model (builder.ts: MAX_QUERY_COST) as Apollo Federation's demand-control directives, so a
 * router prices a document as this gateway will: `@cost(weight:)` for a field's own cost where it is not 1,
 * `@listSize` for what a list multiplies its selection by. Derived from each field's Pothos `complexity`, never
 * written by hand (federation-metadata.ts applies it; test/unit/published-cost.test.ts compares the two).
 */

/** A list whose size is one of its arguments: `first` (clamped to 1..max, `fallback` when absent) or a list's length. */
export interface SlicedList {
  /** The field's own cost. */
  readonly field: number;
  readonly argument: string;
  /** The size when the argument is absent. */
  readonly fallback?: number;
  /** The most an Int argument may ask for (larger values are refused as BAD_USER_INPUT). */
  readonly max?: number;
  /** Children that hold the list (a connection's `edges`), when the field itself is not the list. */
  readonly sizedFields?: readonly string[];
  /**
   * For a list argument (`ids`), which federation cannot name as a slicing argument (Int only): the size a router
   * assumes, the most the gateway admits by default.
   */
  readonly assumedSize?: number;
}

export type FieldComplexity = (args: Record<string, unknown>) => { field: number; multiplier: number };

const SLICED = new WeakMap<FieldComplexity, SlicedList>();

/** A field's Pothos complexity for a list sized by an argument, remembered so its `@listSize` says the same. */
export function slicedList(spec: SlicedList): FieldComplexity {
  const complexity: FieldComplexity = (args) => {
    const value = args[spec.argument];
    const size = Array.isArray(value) ? value.length : typeof value === 'number' ? value : (spec.fallback ?? 1);
    return { field: spec.field, multiplier: Math.min(Math.max(size, 1), spec.max ?? Number.MAX_SAFE_INTEGER) };
  };
  SLICED.set(complexity, spec);
  return complexity;
}

export interface PublishedDirective {
  name: string;
  args: Record<string, unknown>;
}

/**
 * The directives that publish one field's complexity: a number (its cost), `{ field, multiplier }` (cost and the
 * size a list is assumed to have), or a slicedList function. Any other function cannot be published: it throws,
 * so a new field cannot ship a cost the router does not know.
 */
export function costDirectives(complexity: unknown, where: string): PublishedDirective[] {
  if (typeof complexity === 'number') return weight(complexity);
  if (typeof complexity === 'function') {
    const spec = SLICED.get(complexity as FieldComplexity);
    if (!spec) throw new Error(`${where}: a complexity function must come from slicedList() so that @listSize can publish it`);
    if (spec.assumedSize !== undefined) return [...weight(spec.field), { name: 'listSize', args: { assumedSize: spec.assumedSize } }];
    return [
      ...weight(spec.field),
      {
        name: 'listSize',
        args: {
          slicingArguments: [spec.argument],
          ...(spec.fallback === undefined ? {} : { assumedSize: spec.fallback }),
          ...(spec.sizedFields ? { sizedFields: [...spec.sizedFields] } : {}),
          requireOneSlicingArgument: false,
        },
      },
    ];
  }
  if (complexity && typeof complexity === 'object' && 'field' in complexity) {
    const { field, multiplier } = complexity as { field: number; multiplier?: number };
    return [...weight(field), ...(multiplier === undefined ? [] : [{ name: 'listSize', args: { assumedSize: multiplier } }])];
  }
  return [];
}

/** A router's default weight of a field is 1 for objects (0 for leaves): `@cost` only where this gateway differs from 1. */
const weight = (cost: number): PublishedDirective[] => (cost === 1 ? [] : [{ name: 'cost', args: { weight: cost } }]);
