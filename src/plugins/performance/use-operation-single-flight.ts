import { GraphQLError, type ExecutionResult, type GraphQLSchema } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { ErrorCode } from '../../errors.js';
import type { Logger } from '../../observability/logger.js';
import { InFlight, type Flight, type LingerOptions } from '../../concurrency/in-flight.js';
import { closeScope } from '../../app/request-scope.js';
import { requestState } from '../../app/request-state.js';
import { callerOf } from '../security/use-authentication.js';
import { sliceOfBurst } from '../../concurrency/turns.js';
import type { CancelSignal } from '../../concurrency/cancellation.js';

/**
 * Operation single-flight: identical GraphQL operations in flight at the same time for the same caller share
 * one execution. Upstream single-flight (partner-center/single-flight.ts) already shares their Partner Center
 * calls; this also shares the parse, validation, context, DataLoaders and execution behind them, so a hot
 * customer asked for by many clients at once costs each extra request only its HTTP handling (BENCHMARKS.md).
 *
 * "Identical" is the whole of what an execution depends on: the caller (its identity and upstream token: so one
 * partner's in-flight answer can never reach another), the HTTP method, the query text (after APQ or trusted
 * documents resolved it: this plugin runs last), the operation name, the variables and the extensions.
 * Requests without a caller (no credentials) are never shared.
 *
 * Mostly in-flight executions are shared. A result is kept after it is there only when `linger` is given, only
 * for an execution that others joined while it ran (a burst of identical requests, such as a dashboard open
 * in many tabs), only when it has no errors and at most KEPT_VALUES values: then identical requests of the
 * same caller get it for `linger.ms` more (OPERATION_SINGLE_FLIGHT_LINGER_MS), at most `linger.max` such
 * results at once. Nothing else is cached. Each request still has its own HTTP handling: correlation id
 * (header and every error's `extensions.correlationId`, stamped per request by use-error-policy), its log line
 * (with `sharedWith`: the correlation id of the request whose execution it got), metrics and span. The shared
 * execution runs under the first request's context and deadline (the earliest of them all, kept even if that
 * request goes away first) and is cancelled only when every request waiting on it has gone away; a request that
 * goes away stops waiting at once.
 *
 * Results are shared objects: the hooks after this one (onExecutionResult, onResultProcess) must replace a
 * result, never change it, as use-error-policy does. The schema must be read-only: a mutation must run once per
 * request, and a subscription cannot be handed to many (the factory refuses otherwise); for the same reason a
 * document with @defer/@stream is never shared: each such request runs its own execution.
 */
export function useOperationSingleFlight(logger: Logger, schema: GraphQLSchema, linger?: Pick<LingerOptions<ExecutionResult>, 'ms' | 'max'>): Plugin {
  if (schema.getMutationType() || schema.getSubscriptionType()) {
    throw new Error('operation single-flight shares executions, so it needs a schema without mutations or subscriptions');
  }
  const keep = (flight: Flight<ExecutionResult>, result: ExecutionResult) =>
    flight.joins > 0 && !result.errors?.length && holdsAtMost(result.data, KEPT_VALUES);
  const flights = new InFlight<ExecutionResult>(linger && linger.ms > 0 ? { ...linger, keep } : undefined);
  /** Each flight's first request: whose context and correlation id the execution has. */
  const leaders = new WeakMap<Flight<ExecutionResult>, Request>();
  return {
    onParams({ request, params, paramsHandler, setParamsHandler }) {
      // An incremental result is read once, by one response: never shared (nor kept).
      if (typeof params.query !== 'string' || INCREMENTAL.test(params.query)) return;
      // Set by use-authentication: the caller's identity and the token sent for it upstream (Caller.flightKey).
      const caller = callerOf(request);
      if (!caller) return;
      // The token is part of the key only while the request that holds it is in flight; hashing it cost
      // more than the rest of this plugin (BENCHMARKS.md).
      // Accept-Language picks the X-Locale of every upstream call, so it is part of what an execution depends on.
      const key = JSON.stringify([caller.flightKey, request.headers.get('accept-language'), request.method, params.query, params.operationName ?? null, params.variables ?? null, params.extensions ?? null]);
      setParamsHandler((payload) => {
        const { flight, joined } = flights.join(key, (signal) => {
          // The shared execution's upstream calls end when its deadline passes or every waiter has gone,
          // not when this first request alone goes away (the context factory reads it).
          executionSignals.set(request, signal);
          // Its deadline outlives this request's response (use-request-state leaves it): ended with the work.
          return Promise.resolve(paramsHandler(payload) as ExecutionResult | Promise<ExecutionResult>).finally(() => closeScope(request));
        });
        if (!joined) {
          leaders.set(flight, request);
          return flights.wait(flight, request.signal, cancelled);
        }
        const leader = leaders.get(flight)!;
        const correlationId = requestState(request, logger).correlationId;
        const shared: Sharing = Object.freeze({ sharedWith: requestState(leader, logger).correlationId, completed: flight.settled, leader });
        sharings.set(request, shared);
        if (flight.settled) {
          // A lingering result: this request came just after the execution answered, alone, so no burst to slice.
          logger.debug({ correlationId, sharedWith: shared.sharedWith }, 'sharing an identical operation just completed');
          return flight.result;
        }
        // The root logger with the id as a field: a child logger per request costs more than the sharing saves.
        logger.debug({ correlationId, sharedWith: shared.sharedWith }, 'sharing an identical operation in flight');
        return flights.wait(flight, request.signal, cancelled).then(async (result) => {
          // Hundreds of requests may be waiting on one execution: they are answered a slice per event-loop turn.
          await sliceOfBurst();
          return result;
        });
      });
    },
  };
}

/** How a request shared another's execution: for its log line, span and metrics. */
export interface Sharing {
  /** The correlation id of the request whose execution it got. */
  readonly sharedWith: string;
  /** That execution had already answered: this one got its lingering result (OPERATION_SINGLE_FLIGHT_LINGER_MS). */
  readonly completed: boolean;
  /** The request whose execution it got (its operation name names this one's). */
  readonly leader: Request;
}

/** Owned by this plugin: requests that joined another's execution, and first requests whose execution others may share. */
const sharings = new WeakMap<Request, Sharing>();
const executionSignals = new WeakMap<Request, CancelSignal>();

/** How `request` shared another's execution; undefined if it ran its own. */
export function sharingOf(request: Request): Sharing | undefined {
  return sharings.get(request);
}

/**
 * What cancels the execution `request` leads when others may share it: every waiter gone, not this request alone.
 * Such an execution ends with its flight, which closes its scope, not with this request's response.
 */
export function sharedExecutionSignal(request: Request): CancelSignal | undefined {
  return executionSignals.get(request);
}

/**
 * A document that may use @defer or @stream. Any mention of the names counts (in a comment, a string, an alias):
 * such a document only misses sharing, while a directive spelled `@ defer` or `@#…\ndefer` is still caught.
 */
const INCREMENTAL = /\b(?:defer|stream)\b/;

/**
 * The most values (objects, lists, fields and list items) a kept result may hold: the bench's canonical answer
 * holds 9, its 25-customer fan-out 274 (MONTHLY orders) or 625 (all orders), with their lines' offerId; the
 * 2,000 orders of the big customer with their lines hold over 10,000 and are not kept. So OPERATION_SINGLE_FLIGHT_LINGER_MAX kept results hold tens of megabytes at the very most, and a
 * kept result never holds what the large-body memory budget let through for its execution alone.
 */
export const KEPT_VALUES = 5_000;

/** Whether `data` holds at most `limit` values, counted breadth-first and given up on as soon as it has more. */
export function holdsAtMost(data: unknown, limit: number): boolean {
  const pending: unknown[] = [data];
  for (let i = 0; i < pending.length; i += 1) {
    const value = pending[i];
    if (value === null || typeof value !== 'object') continue;
    const children = Array.isArray(value) ? value : Object.values(value as Record<string, unknown>);
    if (pending.length + children.length > limit) return false;
    for (const child of children) pending.push(child);
  }
  return true;
}

/** Nobody reads this answer (its caller has gone); it only closes the request's log line as an error. */
function cancelled(): Promise<ExecutionResult> {
  return Promise.resolve({ errors: [new GraphQLError('The request was cancelled', { extensions: { code: ErrorCode.UPSTREAM_ERROR } })] });
}
