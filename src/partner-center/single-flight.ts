import { createHash } from 'node:crypto';
import type { CallContext, GetJson, UpstreamPath, UpstreamResponse } from './http.js';
import { UpstreamError } from './upstream-error.js';

interface Flight {
  readonly key: string;
  readonly response: Promise<UpstreamResponse>;
  readonly controller: AbortController;
  waiting: number;
}

/**
 * Cross-request single-flight: identical GETs in flight at the same time for the same caller share
 * one upstream call. "The same caller" is the same Authorization header (hashed into the key),
 * so one partner's in-flight data can never reach another. Only in-flight calls are shared —
 * nothing is cached once the answer arrives. The shared call is cancelled only when every request
 * waiting on it has gone away; each request still stops waiting at its own abort or deadline.
 */
export function withSingleFlight(getJson: GetJson): GetJson & { readonly inFlight: () => number } {
  const flights = new Map<string, Flight>();

  const shared = (call: CallContext, target: UpstreamPath, attempt?: Parameters<GetJson>[2]) => {
    if (attempt?.requestId !== undefined) return getJson(call, target, attempt); // a retry is its caller's own
    const key = flightKey(call, target);
    let flight = flights.get(key);
    if (!flight) {
      const controller = new AbortController();
      const response = getJson({ ...call, signal: controller.signal }, target).finally(() => forget(flights, flight!));
      response.catch(() => undefined); // delivered to each waiter below
      flight = { key, response, controller, waiting: 0 };
      flights.set(key, flight);
    }
    return wait(flights, flight, call.signal, target);
  };
  return Object.assign(shared, { inFlight: () => flights.size });
}

/** Only the flight still listed under its key: a cancelled one may have been replaced already. */
function forget(flights: Map<string, Flight>, flight: Flight): void {
  if (flights.get(flight.key) === flight) flights.delete(flight.key);
}

function wait(flights: Map<string, Flight>, flight: Flight, signal: AbortSignal | undefined, target: UpstreamPath): Promise<UpstreamResponse> {
  flight.waiting += 1;
  if (!signal) return flight.response;
  if (signal.aborted) return leave(flights, flight, signal, target);
  return new Promise<UpstreamResponse>((resolve, reject) => {
    const onAbort = () => leave(flights, flight, signal, target).catch(reject);
    signal.addEventListener('abort', onAbort, { once: true });
    flight.response.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * One waiter gives up (its deadline, or its caller left); the last one to leave cancels the upstream call and
 * unlists it at once: a request asking while the cancellation settles makes a call of its own instead of
 * sharing the cancelled one's failure.
 */
function leave(flights: Map<string, Flight>, flight: Flight, signal: AbortSignal, target: UpstreamPath): Promise<never> {
  flight.waiting -= 1;
  if (flight.waiting === 0) {
    forget(flights, flight);
    flight.controller.abort(signal.reason);
  }
  const deadline = (signal.reason as Error | undefined)?.name === 'TimeoutError';
  return Promise.reject(
    new UpstreamError(deadline ? 'The request deadline passed before Partner Center answered' : 'The request was cancelled', {
      kind: deadline ? 'timeout' : 'aborted',
      requestId: '',
      route: target.route,
    }),
  );
}

/** The caller's identity hash, once per request (its CallContext), not once per call. */
const identities = new WeakMap<CallContext, string>();

function identityOf(call: CallContext): string {
  let identity = identities.get(call);
  if (identity === undefined) {
    identity = createHash('sha256').update(call.authorization).digest('base64url');
    identities.set(call, identity);
  }
  return identity;
}

function flightKey(call: CallContext, target: UpstreamPath): string {
  const identity = identityOf(call);
  const query = Object.entries(target.query ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const headers = Object.entries(target.headers ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([identity, target.path, query, headers]);
}
