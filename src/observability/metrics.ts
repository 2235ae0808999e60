import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { UpstreamCallRecord } from '../partner-center/transport/http.js';
import type { BodyBudget } from '../partner-center/transport/large-bodies.js';
import type { BreakerState } from '../partner-center/transport/resilience.js';

/**
 * The gateway's own Prometheus metrics, in one registry per app instance (never prom-client's global
 * one: tests build many apps in one process). The GraphQL operation metrics are made by
 * plugins/observability/use-metrics.ts in the same registry.
 *
 * Every label value is bounded: routes are the client's templates, statuses are HTTP codes, outcomes
 * a fixed enum, and names that callers choose (operation names) are capped by `boundedLabel`.
 */
export interface Metrics {
  readonly registry: Registry;
  /** Counts and times one Partner Center call, from the transport's per-call report. */
  observeUpstreamCall(call: UpstreamCallRecord): void;
  /** Counts one retry of an upstream call (the resilience layer calls it through createUpstream's onRetry). */
  countRetry(route: string): void;
  /** Counts the errors of one GraphQL response by `extensions.code`. */
  countErrors(codes: readonly string[]): void;
  /**
   * Counts one HTTP request answered with an error before any GraphQL ran (bad Host or target, headers too large
   * or too slow, body too large, CSRF, unreadable body) or cut at the shutdown grace, by status and code.
   */
  countRefusal(status: number, code: string): void;
  /** Counts one request answered by another's execution, in flight or completed and lingering (use-operation-single-flight). */
  countSharedOperation(completed: boolean): void;
  /** Reports the circuit breaker's state and the calls on the wire at each scrape (partner-center/upstream.ts). */
  watchUpstream(upstream: UpstreamGauges): void;
  /** Reports the large-body memory budget's state at each scrape (partner-center/transport/large-bodies.ts). */
  watchBodyBudget(budget: BodyBudget): void;
  /**
   * An operation name as a label value. The caller chooses it, so only the first 100 distinct names get their
   * own, and only a request that `mayClaim` (it proved a token, or ran a trusted document) takes one of those
   * slots; other names count as `other` unless an earlier request claimed them. A router's fetch names are folded
   * first (foldRouterFetchName).
   */
  operationName(name: string | undefined, mayClaim: boolean): string;
}

/** One label set of the upstream call metrics: its count, and its duration histogram's child. */
interface UpstreamSeries {
  readonly labels: Record<'method' | 'route' | 'status' | 'outcome', string>;
  calls: number;
  readonly durations: { observe(value: number): void };
}

/** What the upstream gauges read at each scrape. */
export interface UpstreamGauges {
  breakerState(): BreakerState;
  inFlight(): number;
}

const BREAKER_STATES: readonly BreakerState[] = ['closed', 'open', 'half-open'];

/** The label value of a name without a slot of its own (operationName, error codes). */
export const OTHER_LABEL = 'other';

/**
 * A router's subgraph fetches are named `<operation>__<subgraph>__<n>` (Apollo Router and Gateway, Hive Gateway):
 * one client operation makes a name per fetch of its plan. They count as `<operation>__<subgraph>__N`, one label
 * value per client operation and subgraph.
 */
const ROUTER_FETCH = /^([_A-Za-z][_0-9A-Za-z]*?__[_0-9A-Za-z]+?)__\d+$/;

/** A router-generated fetch name with its fetch number folded (ROUTER_FETCH); any other name unchanged. */
export const foldRouterFetchName = (name: string): string => name.replace(ROUTER_FETCH, '$1__N');

export interface MetricsOptions {
  /** Where the metrics live. Default: a new Registry. */
  registry?: Registry;
  /** Node.js process metrics (CPU, memory, event loop lag, GC) in the same registry. Default true. */
  defaultMetrics?: boolean;
}

const PROM_CLIENT_TOTAL_GAUGES = ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total'];

/** Upstream call durations, seconds: Partner Center answers in tens of ms to seconds; the limit is 120 s. */
const UPSTREAM_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

export function createMetrics({ registry = new Registry(), defaultMetrics = true }: MetricsOptions = {}): Metrics {
  if (defaultMetrics) {
    collectDefaultMetrics({ register: registry });
    // Gauges named like counters (promtool flags them); nodejs_active_handles etc. by type hold the same counts.
    for (const name of PROM_CLIENT_TOTAL_GAUGES) registry.removeSingleMetric(name);
  }
  const registers = [registry];
  const labelNames = ['method', 'route', 'status', 'outcome'] as const;
  // Counted here and handed to prom-client at each scrape: a prom-client inc validates and hashes its labels on every call.
  const callSeries = new Map<string, UpstreamSeries>();
  const calls = new Counter({
    name: 'partner_center_requests_total',
    help: 'Partner Center calls, by route template, HTTP status (none when no response arrived) and outcome',
    labelNames,
    registers,
    collect() {
      this.reset();
      for (const series of callSeries.values()) this.inc(series.labels, series.calls);
    },
  });
  const durations = new Histogram({
    name: 'partner_center_request_duration_seconds',
    help: 'Duration of Partner Center calls, by route template, HTTP status and outcome',
    labelNames,
    buckets: UPSTREAM_BUCKETS,
    registers,
  });
  const throttles = new Counter({
    name: 'partner_center_throttled_total',
    help: 'Partner Center calls answered 429 Too Many Requests, by route template',
    labelNames: ['route'],
    registers,
  });
  const retries = new Counter({
    name: 'partner_center_retries_total',
    help: 'Partner Center calls repeated after a failure, by route template (0 until retries exist)',
    labelNames: ['route'],
    registers,
  });
  const errors = new Counter({ name: 'graphql_errors_total', help: 'Errors in GraphQL responses, by extensions.code', labelNames: ['code'], registers });
  const refusals = new Counter({
    name: 'http_requests_refused_total',
    help: 'HTTP requests answered with an error before any GraphQL ran, or cut at the shutdown grace, by status and extensions.code',
    labelNames: ['status', 'code'],
    registers,
  });
  const shared = new Counter({
    name: 'graphql_operations_shared_total',
    help: "GraphQL requests answered by an identical request's execution for the same caller: in_flight, or completed (its result lingered)",
    labelNames: ['execution'],
    registers,
  });
  const operationName = boundedLabel(100, /^[_A-Za-z][_0-9A-Za-z]{0,99}$/);
  // Codes come from the gateway's own catalogue and yoga, never from callers; the cap is a safety net.
  const errorCode = boundedLabel(64, /^[A-Z][A-Z0-9_]{0,63}$/);

  return {
    registry,
    observeUpstreamCall(call) {
      const status = call.status === undefined ? 'none' : String(call.status);
      const key = `${call.method} ${call.route} ${status} ${call.outcome}`;
      let series = callSeries.get(key);
      if (series === undefined) {
        const labels = { method: call.method, route: call.route, status, outcome: call.outcome };
        series = { labels, calls: 0, durations: durations.labels(labels) };
        callSeries.set(key, series);
        // inc(0) makes the route's series exist at 0, so rates and alerts work before the first throttle or retry.
        throttles.inc({ route: call.route }, 0);
        retries.inc({ route: call.route }, 0);
      }
      series.calls += 1;
      series.durations.observe(call.durationMs / 1000);
      if (call.status === 429) throttles.inc({ route: call.route });
    },
    countRetry(route) {
      retries.inc({ route });
    },
    countErrors(codes) {
      for (const code of codes) errors.inc({ code: errorCode(code) });
    },
    countRefusal(status, code) {
      refusals.inc({ status: String(status), code: errorCode(code) });
    },
    countSharedOperation(completed) {
      shared.inc({ execution: completed ? 'completed' : 'in_flight' });
    },
    watchUpstream(upstream) {
      new Gauge({
        name: 'partner_center_circuit_breaker_state',
        help: "The Partner Center circuit breaker's state: 1 for the current one of closed, open and half_open, 0 for the others",
        labelNames: ['state'],
        registers,
        collect() {
          const current = upstream.breakerState();
          for (const state of BREAKER_STATES) this.set({ state: state.replace('-', '_') }, state === current ? 1 : 0);
        },
      });
      new Gauge({
        name: 'partner_center_requests_in_flight',
        help: 'Partner Center calls sent and not yet answered (each attempt of a retried call counts while it runs)',
        registers,
        collect() {
          this.set(upstream.inFlight());
        },
      });
    },
    watchBodyBudget(budget) {
      new Gauge({
        name: 'partner_center_large_body_bytes',
        help: 'Bytes of large Partner Center bodies (256 kB and more) admitted against the memory budget, being read, or read and waiting for it',
        labelNames: ['state'],
        registers,
        collect() {
          const stats = budget.stats();
          this.set({ state: 'admitted' }, stats.admittedBytes);
          this.set({ state: 'reading' }, stats.readingBytes);
          this.set({ state: 'waiting' }, stats.waitingBytes);
        },
      });
      new Counter({
        name: 'partner_center_large_bodies_delayed_total',
        help: 'Large Partner Center bodies that waited for the memory budget (waited), or whose reading was stopped because too many bytes were being read or waiting (rejected)',
        labelNames: ['outcome'],
        registers,
        collect() {
          const stats = budget.stats();
          this.reset();
          this.inc({ outcome: 'waited' }, stats.waitedTotal);
          this.inc({ outcome: 'rejected' }, stats.rejectedTotal);
        },
      });
    },
    operationName: (name, mayClaim) => (name === undefined || name === '' ? 'Anonymous' : operationName(foldRouterFetchName(name), mayClaim)),
  };
}

/** Passes the first `max` distinct values that match `shape` and may claim a slot; everything else becomes `other`. */
function boundedLabel(max: number, shape: RegExp): (value: string, mayClaim?: boolean) => string {
  const seen = new Set<string>();
  return (value, mayClaim = true) => {
    if (seen.has(value)) return value;
    if (!mayClaim || seen.size >= max || !shape.test(value)) return OTHER_LABEL;
    seen.add(value);
    return value;
  };
}
