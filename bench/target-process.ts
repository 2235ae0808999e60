/**
 * The two systems under test, each in a child process of its own so /proc can measure it alone:
 * the gateway as it ships (`node dist/main.js`, with the event-loop probe preloaded) and the baseline.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compileBaseline, type PeerName } from './compile-baseline.js';
import { collect, type Lines } from './process-output.js';
import { rssMB } from './proc-stats.js';

const root = fileURLToPath(new URL('../', import.meta.url));
/** Children still running: killed if the bench exits early, so no gateway is left behind. */
const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

function track(child: ChildProcess): ChildProcess {
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

export interface EventLoopStats {
  maxMs: number;
  p99Ms: number;
  meanMs: number;
  /** The longest garbage-collection pause in the window, and its kind. */
  gcMaxMs?: number;
  gcKind?: string;
  /** The largest process.memoryUsage() figures in the window, MB. */
  memoryMB?: { rss: number; heapTotal: number; heapUsed: number; external: number; arrayBuffers: number };
}

export interface Target {
  readonly kind: 'gateway' | 'gateway-no-single-flight' | 'gateway-before' | PeerName;
  /** http://127.0.0.1:PORT/graphql */
  readonly url: string;
  readonly pid: number;
  /** RSS once ready, before any load, MB. */
  readonly idleRssMB: number;
  /** Event-loop delay since the previous call (gateway only; the first call discards start-up). */
  eventLoop(): Promise<EventLoopStats | undefined>;
  /** The last lines the process wrote, for error messages. */
  tail(): string;
  stop(): Promise<void>;
}

export interface StartOptions {
  upstreamUrl: string;
  /** Extra environment (--env on the command line), applied to both so they do the same work. */
  env: Record<string, string>;
  /** Another checkout whose built gateway (`<dir>/dist/main.js`) runs as `gateway-before`, single-flights off. */
  compare?: string;
  /** Node.js flags for the gateway process only (profiling). */
  gatewayNodeArgs?: readonly string[];
  baselineNodeArgs?: readonly string[];
}

/** A small environment: the bench's own (NODE_OPTIONS, a LOG_LEVEL...) must not change what is measured. */
function environment(options: StartOptions, extra: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME, ...extra, ...options.env, PARTNER_CENTER_URL: options.upstreamUrl };
}

/**
 * The gateway; as `gateway-no-single-flight` with UPSTREAM_SINGLE_FLIGHT=false and OPERATION_SINGLE_FLIGHT=false (the hot
 * customer's reference; no operation single-flight means no lingering results either).
 */
export async function startGateway(options: StartOptions, kind: 'gateway' | 'gateway-no-single-flight' | 'gateway-before' = 'gateway'): Promise<Target> {
  const home = kind === 'gateway-before' ? options.compare! : root;
  if (kind !== 'gateway') options = { ...options, env: { ...options.env, UPSTREAM_SINGLE_FLIGHT: 'false', OPERATION_SINGLE_FLIGHT: 'false' } };
  const dir = mkdtempSync(join(tmpdir(), 'partner-graph-bench-'));
  const probeOut = join(dir, 'event-loop.json');
  const probe = pathToFileURL(join(root, 'bench/probe.mjs')).href;
  const child = track(spawn(process.execPath, [...(options.gatewayNodeArgs ?? []), '--import', probe, 'dist/main.js'], {
    cwd: home,
    env: environment(options, { NODE_ENV: 'production', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn', PARTNER_BUDGET_PER_MINUTE: '0', BENCH_PROBE_OUT: probeOut }),
    stdio: ['ignore', 'pipe', 'pipe'],
  }));
  const lines = collect(child);
  let seq = 0;
  const eventLoop = async (): Promise<EventLoopStats | undefined> => {
    child.kill('SIGUSR2');
    // The probe writes synchronously in its signal handler; wait until the new report is there.
    for (let tries = 0; tries < 200; tries++) {
      const stats = readProbe(probeOut);
      if (stats && stats.seq > seq) {
        seq = stats.seq;
        return stats;
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return undefined;
  };
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  try {
    const port = await lines.waitFor(/^bench-probe listening (\d+)$/);
    await waitReady(`http://127.0.0.1:${port}/ready`, child);
    const target = handle(kind, child, `http://127.0.0.1:${port}/graphql`, lines, eventLoop);
    return { ...target, stop: () => target.stop().finally(cleanup) };
  } catch (error) {
    child.kill('SIGKILL');
    cleanup();
    throw error;
  }
}

/** The hand-written baseline, the yoga floor (bench/yoga-floor.ts) or the Apollo peer (bench/apollo-peer.ts): each prints `<name> listening <url>`. */
export async function startBaseline(options: StartOptions, name: PeerName = 'baseline'): Promise<Target> {
  const child = track(spawn(process.execPath, [...(options.baselineNodeArgs ?? []), compileBaseline(name)], {
    cwd: root,
    env: environment(options, { HOST: '127.0.0.1', PORT: '0' }),
    stdio: ['ignore', 'pipe', 'pipe'],
  }));
  const lines = collect(child);
  try {
    const url = await lines.waitFor(new RegExp(`^${name} listening (http\\S+)$`));
    return handle(name, child, url, lines, async () => undefined);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
}

function handle(kind: Target['kind'], child: ChildProcess, url: string, lines: Lines, eventLoop: Target['eventLoop']): Target {
  return {
    kind,
    url,
    pid: child.pid!,
    idleRssMB: rssMB(child.pid!),
    eventLoop,
    tail: lines.tail,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

async function waitReady(url: string, child: ChildProcess): Promise<void> {
  for (let tries = 0; tries < 100 && child.exitCode === null; tries++) {
    const ok = await fetch(url).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${url} did not become ready`);
}

function readProbe(path: string): (EventLoopStats & { seq: number }) | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as EventLoopStats & { seq: number };
  } catch {
    return undefined; // not written yet, or caught half-written
  }
}
