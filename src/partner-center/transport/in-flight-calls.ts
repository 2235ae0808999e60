import type { GetJson } from './http.js';

export interface CountedTransport {
  readonly getJson: GetJson;
  /** Calls sent to Partner Center and not yet answered (or failed). */
  inFlight(): number;
}

/** Counts the attempts on the wire, for the in-flight gauge: below retries, so each attempt counts while it runs. */
export function withInFlightCount(getJson: GetJson): CountedTransport {
  let current = 0;
  const ended = (): void => {
    current--;
  };
  return {
    // The count drops once the attempt's promise settles, before its caller goes on.
    getJson: (call, target, attempt) => {
      current++;
      let answer: ReturnType<GetJson>;
      try {
        answer = getJson(call, target, attempt);
      } catch (error) {
        current--;
        return Promise.reject(error);
      }
      answer.then(ended, ended);
      return answer;
    },
    inFlight: () => current,
  };
}
