import type { GetJson } from './http.js';

/**
 * Outermost over the client's getJson: each call a request's loaders ask for takes one from its
 * budget (`call.budget`) before anything else happens. A key its loader deduplicated is one call; a
 * call that joins another request's identical call in flight (single-flight, inside this layer)
 * still counts, so the cap never depends on what other requests happen to be doing. Retries are
 * the resilience layer's own and do not count.
 */
export function withCallBudget(getJson: GetJson): GetJson {
  return (call, target, attempt) => {
    try {
      call.budget?.take(target.route);
    } catch (error) {
      return Promise.reject(error);
    }
    return getJson(call, target, attempt);
  };
}
