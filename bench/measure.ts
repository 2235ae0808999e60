/** One measured run: a fresh target, warm-up, then load while /proc and the simulator count. */
import { load, type LoadResult } from './load.js';
import { cpuMeter, peakRssMB } from './proc-stats.js';
import type { Scenario } from './scenarios.js';
import type { SimulatorHandle } from './simulator-handle.js';
import type { EventLoopStats, Target } from './target-process.js';

export interface Measurement extends LoadResult {
  scenario: Scenario['name'];
  target: Target['kind'];
  latencyMs: number;
  connections: number;
  upstreamPerRequest: number;
  /** RSS once the process was ready, before any load, MB. */
  idleRssMB: number;
  /** Peak RSS of the target process since it started (warm-up included), MB (10^6 bytes, as the target is stated). */
  peakRssMB: number;
  /** CPU of the target process during the measured run: 1.0 is one core. */
  cpuCores: number;
  /** CPU of the simulator and of the bench (autocannon) during the run: near 1.0 means they, not the target, limited it. */
  simulatorCpuCores: number;
  benchCpuCores: number;
  /** Event-loop delay during the measured run (gateway only). */
  eventLoop: EventLoopStats | undefined;
}

export interface RunSettings {
  latencyMs: number;
  connections: number;
  seconds: number;
  warmupSeconds: number;
}

export async function measure(target: Target, scenario: Scenario, sim: SimulatorHandle, settings: RunSettings): Promise<Measurement> {
  // A fresh process per run: JIT warm-up first, so the run measures the steady state.
  if (settings.warmupSeconds > 0) await load(target.url, scenario, settings.connections, settings.warmupSeconds);
  // Requests the warm-up cut off may still be calling upstream; let them finish before counting.
  await new Promise((resolve) => setTimeout(resolve, 500 + 5 * settings.latencyMs));
  await target.eventLoop(); // starts the probe's window here
  const callsBefore = await sim.calls();
  const cpu = cpuMeter(target.pid);
  const simulatorCpu = cpuMeter(sim.pid);
  const benchCpu = cpuMeter(process.pid);
  const result = await load(target.url, scenario, settings.connections, settings.seconds);
  const cpuCores = cpu();
  const simulatorCpuCores = simulatorCpu();
  const benchCpuCores = benchCpu();
  const callsAfter = await sim.calls();
  const eventLoop = await target.eventLoop();
  return {
    ...result,
    scenario: scenario.name,
    target: target.kind,
    latencyMs: settings.latencyMs,
    connections: settings.connections,
    upstreamPerRequest: result.completed === 0 ? Number.NaN : (callsAfter - callsBefore) / result.completed,
    idleRssMB: target.idleRssMB,
    peakRssMB: peakRssMB(target.pid),
    cpuCores,
    simulatorCpuCores,
    benchCpuCores,
    eventLoop,
  };
}
