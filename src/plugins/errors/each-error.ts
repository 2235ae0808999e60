import type { ExecutionResult, GraphQLError } from 'graphql';

/** An incremental payload: the initial one holds `errors`, each later one an `incremental` list whose entries may. */
export type Payload = ExecutionResult & { incremental?: readonly { errors?: readonly GraphQLError[] }[] };

/** `result` with `map` applied to each of its errors, top-level and incremental; the same object when it has none. */
export function eachError<T extends Payload>(result: T, map: (error: GraphQLError) => GraphQLError): T {
  const incremental = result.incremental?.some((entry) => entry.errors?.length)
    ? result.incremental.map((entry) => (entry.errors?.length ? { ...entry, errors: entry.errors.map(map) } : entry))
    : undefined;
  if (!result.errors?.length && !incremental) return result;
  return { ...result, ...(result.errors?.length ? { errors: result.errors.map(map) } : {}), ...(incremental ? { incremental } : {}) };
}
