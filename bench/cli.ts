/** `npm run bench -- [options]`: the defaults keep a full run under about three minutes. */
import { parseArgs } from 'node:util';
import type { Scenario } from './scenarios.js';

export interface BenchOptions {
  latencies: number[];
  seconds: number;
  warmupSeconds: number;
  connections: number;
  /** "Many concurrent clients" for the hot customer, and the RSS target's 200 connections. */
  hotConnections: number;
  /** The big customer's answers are about 260 kB each; a few at once show the event-loop blocks. */
  bigConnections: number;
  scenarios: Scenario['name'][];
  /** Extra environment for the gateway and the baseline alike, e.g. UPSTREAM_CONCURRENCY_PER_REQUEST=25. */
  env: Record<string, string>;
  /** Extra Node.js flags for the gateway only, e.g. --cpu-prof (not allowed in NODE_OPTIONS). */
  gatewayNodeArgs: string[];
  /** Extra Node.js flags for the baseline and the yoga floor, e.g. --cpu-prof to compare their profiles. */
  baselineNodeArgs: string[];
  /** Each scenario measured this many times, targets interleaved; tables and targets use each target's median run. */
  rounds: number;
  /** A checkout measured beside this one as `gateway-before` (its own `npm run build` done), single-flights off. */
  compare: string | undefined;
  /** The servers measured (default all that serve the scenario). */
  targets: TargetName[];
  out: string;
  build: boolean;
}

export type TargetName = 'baseline' | 'yoga-floor' | 'apollo-peer' | 'gateway-no-single-flight' | 'gateway-before' | 'gateway';
const TARGETS: TargetName[] = ['baseline', 'yoga-floor', 'apollo-peer', 'gateway-no-single-flight', 'gateway'];

const ALL: Scenario['name'][] = ['canonical', 'fan-out', 'fan-out-unloaded', 'hot-customer', 'big-customer', 'big-customer-unloaded'];

export const USAGE = `npm run bench -- [--latency 0,20] [--duration 8] [--warmup 2] [--connections 50]
  [--hot-connections 200] [--big-connections 10] [--scenarios ${ALL.join(',')}]
  [--rounds 1] [--compare <checkout with dist/>] [--targets ${TARGETS.join(',')}]
  [--env NAME=value]... [--gateway-node-arg=--cpu-prof]...
  [--baseline-node-arg=--cpu-prof]... [--out BENCHMARKS.md] [--no-build]`;

export function parseOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      latency: { type: 'string', default: '0,20' },
      duration: { type: 'string', default: '8' },
      warmup: { type: 'string', default: '2' },
      connections: { type: 'string', default: '50' },
      'hot-connections': { type: 'string', default: '200' },
      'big-connections': { type: 'string', default: '10' },
      scenarios: { type: 'string', default: ALL.join(',') },
      rounds: { type: 'string', default: '1' },
      compare: { type: 'string' },
      targets: { type: 'string', default: TARGETS.join(',') },
      env: { type: 'string', multiple: true, default: [] },
      'gateway-node-arg': { type: 'string', multiple: true, default: [] },
      'baseline-node-arg': { type: 'string', multiple: true, default: [] },
      out: { type: 'string', default: 'BENCHMARKS.md' },
      'no-build': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const scenarios = values.scenarios.split(',').map((s) => s.trim());
  for (const name of scenarios) if (!ALL.includes(name as Scenario['name'])) throw new Error(`unknown scenario ${name}; known: ${ALL.join(', ')}`);
  const targets = values.targets.split(',').map((s) => s.trim());
  for (const name of targets) if (!TARGETS.includes(name as TargetName)) throw new Error(`unknown target ${name}; known: ${TARGETS.join(', ')}`);
  const env: Record<string, string> = {};
  for (const pair of values.env) {
    const at = pair.indexOf('=');
    if (at < 1) throw new Error(`--env takes NAME=value, got ${pair}`);
    env[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return {
    latencies: values.latency.split(',').map((v) => number('latency', v, 0)),
    seconds: number('duration', values.duration, 1),
    warmupSeconds: number('warmup', values.warmup, 0),
    connections: number('connections', values.connections, 1),
    hotConnections: number('hot-connections', values['hot-connections'], 1),
    bigConnections: number('big-connections', values['big-connections'], 1),
    scenarios: ALL.filter((name) => scenarios.includes(name)),
    rounds: number('rounds', values.rounds, 1),
    compare: values.compare,
    targets: TARGETS.filter((name) => targets.includes(name)),
    env,
    gatewayNodeArgs: values['gateway-node-arg'],
    baselineNodeArgs: values['baseline-node-arg'],
    out: values.out,
    build: !values['no-build'],
  };
}

function number(name: string, value: string, min: number): number {
  const parsed = Number(value.trim());
  if (!Number.isInteger(parsed) || parsed < min) throw new Error(`--${name} must be an integer >= ${min}, got ${value}`);
  return parsed;
}
