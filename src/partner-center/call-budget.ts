import type { GetJson } from './http.js';

/** A request asked for more Partner Center calls than it may make: the call was not made. */
export class CallBudgetExceeded extends Error {
  constructor(
    readonly max: number,
    readonly route: string,
  ) {
    super(`This request may make at most ${max} Partner Center calls; this field needed another.`);
    this.name = 'CallBudgetExceeded';
  }
}

/** The Partner Center calls one GraphQL execution may still ask for. */
export interface CallBudget {
  /** Takes one call, or throws CallBudgetExceeded when none is left. */
  take(route: string): void;
  /** Calls taken so far. */
  readonly taken: number;
}

export function createCallBudget(max: number): CallBudget {
  let taken = 0;
  return {
    take(route) {
      if (taken >= max) throw new CallBudgetExceeded(max, route);
      taken += 1;
    },
    get taken() {
      return taken;
    },
  };
}

/**
 * Outermost over the client's getJson: each call a request's loaders ask for takes one from its
 * budget (`call.budget`) before anything else happens. A key its loader deduplicated is one call; a
 * call that joins another request's identical call in flight (single-flight, inside this layer)
 * still counts, so the cap never depends on what other requests happen to be doing. Retries are
 * the resilience layer's own and do not count.
 */
export function withCallBudget(getJson: GetJson): GetJson {
  return async (call, target, attempt) => {
    call.budget?.take(target.route);
    return getJson(call, target, attempt);
  };
}
