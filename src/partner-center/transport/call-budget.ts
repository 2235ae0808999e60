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
  return new CountedBudget(max);
}

/** A class, not a literal with a getter: made once per execution. */
class CountedBudget implements CallBudget {
  taken = 0;
  constructor(private readonly max: number) {}

  take(route: string): void {
    if (this.taken >= this.max) throw new CallBudgetExceeded(this.max, route);
    this.taken += 1;
  }
}
