/**
 * `npm run bench`: builds the gateway, starts the simulator, checks the baseline, the yoga floor and the Apollo peer
 * against the gateway, then for each upstream latency and scenario measures them and the gateway back to back (each in a fresh
 * process) and writes BENCHMARKS.md. See cli.ts for the options.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseOptions, USAGE, type BenchOptions, type TargetName } from './cli.js';
import { measure, type Measurement } from './measure.js';
import { render } from './report.js';
import { scenarios as allScenarios, type Scenario } from './scenarios.js';
import { startSimulator, type SimulatorHandle } from './simulator-handle.js';
import { judge } from './targets.js';
import { startBaseline, startGateway, type StartOptions, type Target } from './target-process.js';
import { verifyBaseline, type Sameness } from './verify.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const say = (line: string) => process.stderr.write(`${line}\n`);

function build(options: BenchOptions, notes: string[]): void {
  if (options.build) {
    say('building: npm run build');
    const result = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
    // tsc still emits when a type is wrong: someone's edit in progress should not stop a measurement.
    if (result.status !== 0) notes.push('`npm run build` reported errors (the emitted JavaScript was measured anyway).');
  }
  if (!existsSync(join(root, 'dist/main.js'))) throw new Error('dist/main.js is missing: run npm run build');
}

async function withTarget<T>(start: () => Promise<Target>, use: (target: Target) => Promise<T>): Promise<T> {
  const target = await start();
  try {
    return await use(target);
  } catch (error) {
    say(`${target.kind} output:\n${target.tail()}`);
    throw error;
  } finally {
    await target.stop();
  }
}

async function verify(selected: Scenario[], sim: SimulatorHandle, start: StartOptions): Promise<Record<string, Record<string, Sameness>>> {
  const identical: Record<string, Record<string, Sameness>> = {};
  await withTarget(() => startGateway(start), (gateway) =>
    withTarget(() => startBaseline(start), (baseline) =>
      withTarget(() => startBaseline(start, 'yoga-floor'), (floor) =>
        withTarget(() => startBaseline(start, 'apollo-peer'), async (apollo) => {
          for (const scenario of selected) {
            // The Apollo peer serves every scenario; the baseline and the floor only canonical and fan-out.
            const peers = scenario.baseline ? [baseline, floor, apollo] : [apollo];
            const compared: Record<string, Sameness> = {};
            for (const peer of peers) compared[peer.kind] = await verifyBaseline(gateway, peer, scenario, sim);
            identical[scenario.name] = compared;
          }
        }))));
  say(`verified: ${selected.map((s) => s.name).join(', ')} (baseline, yoga floor and Apollo peer equal to the gateway where they apply)`);
  return identical;
}

function connectionsFor(scenario: Scenario, options: BenchOptions): number {
  if (scenario.connections !== undefined) return scenario.connections;
  if (scenario.name === 'hot-customer') return options.hotConnections;
  if (scenario.name === 'big-customer') return options.bigConnections;
  return options.connections;
}

function line(m: Measurement): string {
  return `  ${m.scenario.padEnd(12)} ${m.target.padEnd(24)} ${m.rps.toFixed(0).padStart(6)} req/s  p50 ${m.p50Ms.toFixed(0)} ms  ` +
    `p99 ${m.p99Ms.toFixed(0)} ms  upstream/req ${m.upstreamPerRequest.toFixed(3)}  RSS ${m.peakRssMB.toFixed(0)} MB  ` +
    `CPU ${m.cpuCores.toFixed(2)} (simulator ${m.simulatorCpuCores.toFixed(2)}, bench ${m.benchCpuCores.toFixed(2)})${m.eventLoop ? `  event loop max ${m.eventLoop.maxMs.toFixed(0)} ms (longest GC ${m.eventLoop.gcMaxMs ?? '?'} ms ${m.eventLoop.gcKind ?? ''}; memory MB ${JSON.stringify(m.eventLoop.memoryMB ?? {})})` : ''}${m.failed ? `\n    FAILED ${m.failed}, e.g. ${m.firstFailure ?? '(no body)'}` : ''}`;
}

/** The servers that serve a scenario, in the order they are measured: peers first, the gateway as shipped last. */
function startsFor(scenario: Scenario, start: StartOptions): [TargetName, () => Promise<Target>][] {
  const apollo: [TargetName, () => Promise<Target>] = ['apollo-peer', () => startBaseline(start, 'apollo-peer')];
  // Beside the Apollo peer, the gateway with both single-flights off: every request does its own work.
  const withoutSingleFlight: [TargetName, () => Promise<Target>] = ['gateway-no-single-flight', () => startGateway(start, 'gateway-no-single-flight')];
  const shipped: [TargetName, () => Promise<Target>] = ['gateway', () => startGateway(start)];
  // --compare: the other checkout's gateway, as every request its own work, measured right after this one's.
  const before: [TargetName, () => Promise<Target>][] = start.compare ? [['gateway-before', () => startGateway(start, 'gateway-before')]] : [];
  if (scenario.baseline) return [['baseline', () => startBaseline(start)], ['yoga-floor', () => startBaseline(start, 'yoga-floor')], apollo, withoutSingleFlight, ...before, shipped];
  return scenario.name === 'hot-customer' ? [apollo, withoutSingleFlight, ...before, shipped] : [apollo, ...before, shipped];
}

/** Each (latency, scenario, target)'s run of median throughput: a real run, so its figures belong together. */
export function medians(ms: Measurement[]): Measurement[] {
  const groups = new Map<string, Measurement[]>();
  for (const m of ms) {
    const key = `${m.latencyMs}|${m.scenario}|${m.target}`;
    groups.set(key, [...(groups.get(key) ?? []), m]);
  }
  return [...groups.values()].map((runs) => [...runs].sort((a, b) => a.rps - b.rps)[Math.floor((runs.length - 1) / 2)]!);
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  let options: BenchOptions;
  try {
    options = parseOptions(argv);
  } catch (error) {
    say(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    process.exit(2);
  }
  const startedAt = new Date();
  const loadBefore = loadavg();
  const notes: string[] = [];
  build(options, notes);
  const sim = await startSimulator();
  const rounds: Measurement[] = [];
  try {
    const scenarios = allScenarios({ ordinary: sim.ordinary, big: sim.big });
    const selected = scenarios.filter((s) => options.scenarios.includes(s.name));
    const start: StartOptions = {
      upstreamUrl: sim.url,
      env: options.env,
      gatewayNodeArgs: options.gatewayNodeArgs,
      baselineNodeArgs: options.baselineNodeArgs,
      ...(options.compare ? { compare: resolve(options.compare) } : {}),
    };
    const identical = await verify(selected, sim, start);
    for (const latencyMs of options.latencies) {
      await sim.setLatency(latencyMs);
      say(`upstream latency ${latencyMs} ms`);
      for (const scenario of selected) {
        const settings = { latencyMs, connections: connectionsFor(scenario, options), seconds: options.seconds, warmupSeconds: options.warmupSeconds };
        const starts = startsFor(scenario, start).filter(([kind]) => options.targets.includes(kind) || (kind === 'gateway-before' && start.compare));
        for (let round = 1; round <= options.rounds; round++) {
          for (const [, startTarget] of starts) {
            const m = await withTarget(startTarget, (target) => measure(target, scenario, sim, settings));
            rounds.push(m);
            say(`${options.rounds > 1 ? `round ${round} ` : ''}${line(m)}`);
          }
        }
      }
    }
    const measurements = medians(rounds);
    const verdicts = judge(measurements);
    const outPath = resolve(root, options.out);
    writeFileSync(outPath, render({ argv, outPath, options, scenarios, measurements, rounds, verdicts, identical, loadBefore, notes, startedAt }));
    say(`\n${verdicts.map((v) => `${v.status.padEnd(22)} ${v.target}: ${v.measured}`).join('\n')}\n\nwrote ${options.out}`);
  } finally {
    await sim.stop();
  }
}

main().catch((error: unknown) => {
  say(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
