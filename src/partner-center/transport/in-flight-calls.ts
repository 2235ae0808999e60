import type { GetJson } from './http.js';

export interface CountedTransport {
  readonly getJson: GetJson;
  /** Calls sent to Partner Center and not yet answered (or failed). */
  inFlight(): number;
}

/** Counts the attempts on the wire, for the in-flight gauge: below retries, so each attempt counts while it runs. */
export function withInFlightCount(getJson: GetJson): CountedTransport {
  let current = 0;
  return {
    getJson: async (call, target, attempt) => {
      current++;
      try {
        return await getJson(call, target, attempt);
      } finally {
        current--;
      }
    },
    inFlight: () => current,
  };
}
