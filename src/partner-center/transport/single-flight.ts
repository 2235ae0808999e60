import { hash } from 'node:crypto';
import type { CallContext, GetJson, UpstreamPath, UpstreamResponse } from './http.js';
import { InFlight } from '../../concurrency/in-flight.js';
import { stoppedError } from './upstream-error.js';

/**
 * Cross-request single-flight: identical GETs in flight at the same time for the same caller share
 * one upstream call. "The same caller" is the same identity (tid/oid when verified) and the same
 * Authorization header (hashed into the key), so one partner's or user's in-flight data never reaches another. Only in-flight calls are shared —
 * nothing is cached once the answer arrives. The shared call is cancelled only when every request
 * waiting on it has gone away; each request still stops waiting at its own abort or deadline.
 */
export function withSingleFlight(getJson: GetJson): GetJson & { readonly inFlight: () => number } {
  const flights = new InFlight<UpstreamResponse>();
  const shared = (call: CallContext, target: UpstreamPath, attempt?: Parameters<GetJson>[2]) => {
    if (attempt?.requestId !== undefined) return getJson(call, target, attempt); // a retry is its caller's own
    const { flight, joined } = flights.join(flightKey(call, target), (signal) => getJson({ ...call, signal }, target));
    if (joined) call.logger.debug({ upstream: { route: target.route, path: target.path } }, 'sharing an upstream call in flight');
    return flights.wait(flight, call.signal, (signal) => Promise.reject(stoppedError(signal, { requestId: '', route: target.route })));
  };
  return Object.assign(shared, { inFlight: () => flights.size });
}

/** The caller's identity hash, once per request (its CallContext), not once per call. */
const identities = new WeakMap<CallContext, string>();

function identityOf(call: CallContext): string {
  let identity = identities.get(call);
  if (identity === undefined) {
    identity = hash('sha256', call.authorization, 'base64url');
    identities.set(call, identity);
  }
  return identity;
}

function flightKey(call: CallContext, target: UpstreamPath): string {
  const identity = identityOf(call);
  // The locale changes localized strings in the answer, so callers of two locales never share one.
  return JSON.stringify([call.callerKey ?? '', identity, call.locale ?? null, target.path, sortedEntries(target.query), sortedEntries(target.headers)]);
}

const NO_ENTRIES: readonly [string, string][] = [];

function sortedEntries(record: Readonly<Record<string, string>> | undefined): readonly [string, string][] {
  if (record === undefined) return NO_ENTRIES;
  return Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
