/** BENCHMARKS.md, rewritten by every run except the "Changes and their effect" section, which is kept. */
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import type { BenchOptions } from './cli.js';
import type { Measurement } from './measure.js';
import type { Scenario } from './scenarios.js';
import type { Verdict } from './targets.js';
import type { Sameness } from './verify.js';

export interface ReportInput {
  argv: string[];
  /** Where the report goes; its "Changes and their effect" section is read from there first. */
  outPath: string;
  options: BenchOptions;
  scenarios: Scenario[];
  /** The medians of `rounds`: what the tables and targets show. */
  measurements: Measurement[];
  /** Every measured run, each round's in order. */
  rounds: Measurement[];
  verdicts: Verdict[];
  /** Per verified scenario and peer: how its answer's bytes compared with the gateway's (deep equality is required). */
  identical: Record<string, Record<string, Sameness>>;
  loadBefore: number[];
  notes: string[];
  startedAt: Date;
}

const CHANGES_START = '<!-- changes:start (kept by npm run bench) -->';
const CHANGES_END = '<!-- changes:end -->';
const DEFAULT_CHANGES = `| change | scenario | before | after | measured by |
|---|---|---|---|---|
| _(the lead fills this in)_ | | | | |`;

const n = (value: number, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');

const cpuPerRequest = (m: Measurement) => (m.cpuCores * 1000) / m.rps;

export function machine(): string {
  const list = cpus();
  return `${list.length} × ${list[0]?.model.trim() ?? 'unknown CPU'}, ${n(totalmem() / 1e9, 1)} GB RAM, Linux ${release()}, Node ${process.version}`;
}

function keptChanges(path: string): string {
  if (!existsSync(path)) return DEFAULT_CHANGES;
  const text = readFileSync(path, 'utf8');
  const start = text.indexOf(CHANGES_START);
  const end = text.indexOf(CHANGES_END);
  return start >= 0 && end > start ? text.slice(start + CHANGES_START.length, end).trim() : DEFAULT_CHANGES;
}

function table(ms: Measurement[], scenarios: Scenario[]): string {
  const rows = ms.map((m) => {
    const expected = scenarios.find((s) => s.name === m.scenario)?.distinctResources;
    return `| ${m.scenario} | ${m.target} | ${m.connections} | ${n(m.rps)} | ${n(m.p50Ms)} | ${n(m.p99Ms)} | ${m.failed} | ` +
      `${n(m.upstreamPerRequest, 3)} (${expected}) | ${n(m.idleRssMB)} → ${n(m.peakRssMB)} | ${n(m.cpuCores, 2)} | ${n(cpuPerRequest(m), 2)} | ${n(m.simulatorCpuCores, 2)} / ${n(m.benchCpuCores, 2)} | ${m.eventLoop ? n(m.eventLoop.maxMs) : '—'} |`;
  });
  return ['| scenario | server | connections | req/s | p50 ms | p99 ms | failed | upstream calls/req (distinct resources) | RSS MB idle → peak | CPU cores | CPU ms/request | CPU cores simulator / bench | longest event-loop delay ms |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|', ...rows].join('\n');
}

function ratios(ms: Measurement[], latencies: number[]): string {
  const rows: string[] = [];
  for (const latencyMs of latencies) {
    for (const scenario of ['canonical', 'fan-out', 'fan-out-unloaded'] as const) {
      const at = (target: Measurement['target']) => ms.find((m) => m.latencyMs === latencyMs && m.scenario === scenario && m.target === target);
      const gateway = at('gateway');
      const baseline = at('baseline');
      const floor = at('yoga-floor');
      if (!gateway || !baseline) continue;
      rows.push(`| ${latencyMs} ms | ${scenario} | ${n(gateway.rps)} | ${n(baseline.rps)} | **${n(gateway.rps / baseline.rps, 2)}×** | ` +
        `${floor ? `${n(floor.rps)} (${n(floor.rps / baseline.rps, 2)}×)` : '—'} | ${floor ? `${n(gateway.rps / floor.rps, 2)}×` : '—'} | ` +
        `${n(gateway.p50Ms)} / ${n(baseline.p50Ms)} | ${n(cpuPerRequest(gateway), 2)} / ${floor ? n(cpuPerRequest(floor), 2) : '—'} / ${n(cpuPerRequest(baseline), 2)} | ${n(gateway.peakRssMB)} / ${n(baseline.peakRssMB)} |`);
    }
  }
  if (rows.length === 0) return '_No scenario with a baseline was run._';
  return ['| upstream latency | scenario | gateway req/s | baseline req/s | gateway ÷ baseline | yoga floor req/s (÷ baseline) | gateway ÷ yoga floor | p50 ms gateway / baseline | CPU ms/request gateway / floor / baseline | peak RSS MB gateway / baseline |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|', ...rows].join('\n');
}

/** partner-graph with both single-flights off (every request its own work) against the Apollo peer. */
function apolloRatios(ms: Measurement[], latencies: number[]): string {
  const rows: string[] = [];
  for (const latencyMs of latencies) {
    for (const scenario of ['canonical', 'fan-out', 'fan-out-unloaded', 'hot-customer', 'big-customer', 'big-customer-unloaded'] as const) {
      const at = (target: Measurement['target']) => ms.find((m) => m.latencyMs === latencyMs && m.scenario === scenario && m.target === target);
      const apollo = at('apollo-peer');
      const ours = at('gateway-no-single-flight') ?? at('gateway');
      if (!apollo || !ours) continue;
      const shipped = at('gateway');
      const before = at('gateway-before');
      if (before) {
        rows.push(`| ${latencyMs} ms | ${scenario} | gateway-before (--compare) | ${n(before.rps)} | ${n(apollo.rps)} | ${n(before.rps / apollo.rps, 2)}× | — | ` +
          `${n(before.p50Ms)} / ${n(apollo.p50Ms)} | ${n(cpuPerRequest(before), 2)} / ${n(cpuPerRequest(apollo), 2)} | ${n(before.peakRssMB)} / ${n(apollo.peakRssMB)} |`);
      }
      rows.push(`| ${latencyMs} ms | ${scenario} | ${ours.target} | ${n(ours.rps)} | ${n(apollo.rps)} | **${n(ours.rps / apollo.rps, 2)}×** | ` +
        `${shipped && shipped !== ours ? `${n(shipped.rps)} (${n(shipped.rps / apollo.rps, 2)}×)` : '—'} | ${n(ours.p50Ms)} / ${n(apollo.p50Ms)} | ` +
        `${n(cpuPerRequest(ours), 2)} / ${n(cpuPerRequest(apollo), 2)} | ${n(ours.peakRssMB)} / ${n(apollo.peakRssMB)} |`);
    }
  }
  if (rows.length === 0) return '_The Apollo peer was not measured._';
  return ['| upstream latency | scenario | partner-graph measured | partner-graph req/s | Apollo peer req/s | partner-graph ÷ Apollo peer | gateway as shipped req/s (÷ Apollo) | p50 ms partner-graph / Apollo | CPU ms/request partner-graph / Apollo | peak RSS MB partner-graph / Apollo |',
    '|---|---|---|---:|---:|---:|---:|---:|---:|---:|', ...rows].join('\n');
}

/** Each round's throughput of the Apollo peer and partner-graph beside it, when there was more than one round. */
function apolloRounds(rounds: Measurement[], options: BenchOptions): string {
  if (options.rounds < 2) return '';
  const rows: string[] = [];
  for (const latencyMs of options.latencies) {
    for (const scenario of options.scenarios) {
      const of = (target: Measurement['target']) => rounds.filter((m) => m.latencyMs === latencyMs && m.scenario === scenario && m.target === target);
      const apollo = of('apollo-peer');
      for (const target of ['gateway-no-single-flight', 'gateway-before'] as const) {
        const ours = of(target);
        if (apollo.length === 0 || ours.length !== apollo.length) continue;
        const each = ours.map((m, i) => `${n(m.rps)} / ${n(apollo[i]!.rps)} = ${n(m.rps / apollo[i]!.rps, 2)}×`).join('; ');
        rows.push(`| ${latencyMs} ms | ${scenario} | ${target} | ${each} |`);
      }
    }
  }
  if (rows.length === 0) return '';
  return `\n\nEach round (partner-graph req/s / Apollo peer req/s, measured back to back; the table above takes each one's median run):\n\n| upstream latency | scenario | partner-graph | rounds |\n|---|---|---|---|\n${rows.join('\n')}`;
}

function failures(ms: Measurement[]): string {
  const failed = ms.filter((m) => m.failed > 0);
  if (failed.length === 0) return '';
  const lines = failed.map((m) => `- ${m.scenario} / ${m.target} at ${m.latencyMs} ms: ${m.failed} failed, e.g. \`${(m.firstFailure ?? 'no body').replaceAll('`', "'")}\``);
  return `\n\nFailed answers:\n\n${lines.join('\n')}`;
}

export function render(input: ReportInput): string {
  const { options, measurements: ms } = input;
  const command = ['npm run bench', ...(input.argv.length ? ['--', ...input.argv] : [])].join(' ');
  const perLatency = options.latencies.map((latencyMs) =>
    `### Upstream latency ${latencyMs} ms\n\n${table(ms.filter((m) => m.latencyMs === latencyMs), input.scenarios)}`).join('\n\n');
  const verified = Object.entries(input.identical).map(([name, peers]) => {
    const bySameness = new Map<Sameness, string[]>();
    for (const [peer, same] of Object.entries(peers)) bySameness.set(same, [...(bySameness.get(same) ?? []), peer]);
    return `${name} (${[...bySameness].map(([same, kinds]) => `${kinds.join(', ')}: ${same}`).join('; ')})`;
  }).join(', ');
  return `# Benchmarks

Written by \`${command}\` (bench/run.ts) on ${input.startedAt.toISOString()}.
The next run rewrites this file except the "Changes and their effect" section. Benchmarks are not tests:
nothing under test/ asserts a timing.

- **Machine:** ${machine()}.
- **Load average** (1/5/15 min) before the run: ${input.loadBefore.map((v) => n(v, 2)).join(' / ')}; after: ${loadavg().map((v) => n(v, 2)).join(' / ')}.
  The machine is shared: other engineers' test runs may have competed for its ${cpus().length} cores, so compare figures
  from one run (gateway and baseline ran back to back) rather than across runs.
- **Run:** ${options.seconds} s measured after ${options.warmupSeconds} s of warm-up, per scenario and server, each in a fresh process;
  ${options.rounds} round${options.rounds === 1 ? '' : 's'} (servers interleaved; each table shows a server's run of median throughput);
  ${options.connections} connections (hot customer ${options.hotConnections}, big customer ${options.bigConnections}).${Object.keys(options.env).length ? ` Extra environment: \`${Object.entries(options.env).map(([k, v]) => `${k}=${v}`).join(' ')}\`.` : ''}
${input.notes.map((note) => `- ${note}\n`).join('')}
## How it is measured

The Partner Center simulator (rate limit off; its latency set per table); the gateway as it ships
(\`node dist/main.js\`, built by \`npm run build\`, \`LOG_LEVEL=warn\`, otherwise default settings); the hand-written
baseline (\`bench/baseline.ts\`: node:http + undici, no GraphQL, the same upstream calls, headers and JSON); the yoga
floor (\`bench/yoga-floor.ts\`: graphql-yoga with its defaults, an SDL schema and the baseline's upstream functions as
resolvers, none of the gateway's own work: what the server stack alone costs); the Apollo peer (\`bench/apollo-peer.ts\`:
what a TypeScript team would write first, Apollo Server 5 standalone with a \`RESTDataSource\` made per request,
Authorization and MS-CorrelationId forwarded, a new MS-RequestId per call, everything at its defaults); and the bench
itself driving autocannon, each a process of its own. Before measuring, the baseline's, the floor's and the Apollo
peer's answers and upstream calls were checked against the gateway's: ${verified || 'not run'}.${options.compare ? `
\`gateway-before\` is another checkout's build (\`--compare ${options.compare}\`), run the same way with both single-flights off, right after this one's: the same run measures before and after.` : ''}

${input.scenarios.filter((s) => options.scenarios.includes(s.name)).map((s) => `- **${s.name}**: ${s.description}.`).join('\n')}

req/s counts completed requests; p50/p99 are autocannon's latencies of 2xx answers; *failed* counts non-2xx answers,
connection errors and 200s with \`errors\`. Upstream calls/request: /v1 calls the simulator received during the
measured run ÷ completed requests (requests cut off when the run stops made calls without completing, which pushes
it up slightly, by at most sent ÷ completed). RSS: VmRSS once the process was ready, and VmHWM at the end (warm-up
included). CPU: utime + stime over the measured run ÷ its wall time (1.00 = one core); CPU ms/request divides it by
the throughput, and moves less with a busy machine than req/s does. The simulator's and the bench's own CPU are shown
beside it: near 1.00 one of them, not the server measured, set the pace (each is one Node.js thread).
Event-loop delay: \`perf_hooks.monitorEventLoopDelay\` in the gateway (bench/probe.mjs, preloaded), longest delay in the
measured run: about the longest synchronous block.

## Results

${perLatency}${failures(ms)}

## Gateway ÷ baseline

Measured back to back in the same run, same connections and upstream latency.

${ratios(ms, options.latencies)}

## partner-graph ÷ Apollo peer

partner-graph with both single-flights off (\`gateway-no-single-flight\`: \`UPSTREAM_SINGLE_FLIGHT=false\`,
\`OPERATION_SINGLE_FLIGHT=false\`, so every request does its own work, as the Apollo peer's do) where it was measured,
otherwise the gateway as shipped; same run, connections and upstream latency.

${apolloRatios(ms, options.latencies)}${apolloRounds(input.rounds, options)}

## Targets (issues 6 and 14)

| target | measured | status |
|---|---|---|
${input.verdicts.map((v) => `| ${v.target} | ${v.measured} | ${v.status} |`).join('\n')}

## Changes and their effect

${CHANGES_START}
${keptChanges(input.outPath)}
${CHANGES_END}
`;
}
