/** One autocannon run against a target, with GraphQL errors counted as failures too (they come with 200). */
import autocannon from 'autocannon';
import type { Scenario } from './scenarios.js';

export interface LoadResult {
  /** Completed requests per second over the run. */
  rps: number;
  p50Ms: number;
  p99Ms: number;
  completed: number;
  /** Requests sent; those not completed were cut off when the run stopped. */
  sent: number;
  /** Non-2xx, connection errors, timeouts and 200s carrying `errors`. */
  failed: number;
  seconds: number;
  /** The start of the first answer that failed, to say why. */
  firstFailure: string | undefined;
}

export async function load(url: string, scenario: Scenario, connections: number, seconds: number): Promise<LoadResult> {
  let firstFailure: string | undefined;
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    timeout: 30,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          const { body, authorization } = scenario.next();
          return {
            ...request,
            body,
            headers: {
              ...request.headers,
              'content-type': 'application/json',
              accept: 'application/graphql-response+json, application/json',
              authorization,
            },
          };
        },
      },
    ],
    verifyBody: (text) => {
      if (!text.includes('"errors"')) return true;
      firstFailure ??= text.slice(0, 300);
      return false;
    },
  });
  return {
    rps: result.requests.total / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    completed: result.requests.total,
    sent: result.requests.sent ?? result.requests.total,
    // A non-2xx answer also carries `errors` (a mismatch): count it once.
    failed: result.errors + Math.max(result.non2xx, result.mismatches),
    seconds: result.duration,
    firstFailure,
  };
}
