/**
 * Holds back the loaders that join order line items to other resources (subscriptions, SKUs) until the
 * request has no order or customer-page load in flight. Line items arrive customer by customer as their
 * order lists come back; without the gate, each arrival would be its own batch, so two SKUs of one product
 * or two subscriptions of one customer seen in different batches would cost two calls instead of one.
 * With it, the call counts follow from the data alone (not from response timing), at the price of waiting
 * for the slowest order list before the joins start.
 */
export interface LineItemGate {
  /** Counts `work` as a possible source of line items until it settles. */
  track<T>(work: Promise<T>): Promise<T>;
  /** A DataLoader `batchScheduleFn`: runs `dispatch` once no tracked work is in flight. */
  schedule(dispatch: () => void): void;
}

export function createLineItemGate(): LineItemGate {
  let inFlight = 0;
  let waiting: (() => void)[] = [];

  // setImmediate runs after every pending promise job and nextTick, so the resolvers of line items that
  // just arrived have called `load` (joining the open batch) before the batch is let go.
  const check = (dispatch: () => void): void => {
    setImmediate(() => {
      if (inFlight > 0) waiting.push(() => check(dispatch));
      else dispatch();
    });
  };

  const done = (): void => {
    inFlight -= 1;
    if (inFlight > 0 || waiting.length === 0) return;
    const ready = waiting;
    waiting = [];
    for (const resume of ready) resume();
  };

  return {
    track(work) {
      inFlight += 1;
      work.then(done, done);
      return work;
    },
    schedule: (dispatch) => check(dispatch),
  };
}
