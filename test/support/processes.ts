import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const started = new Set<Replica>();

/** Stops every replica this test file started, including ones whose start a timed-out hook left behind. */
export async function stopReplicas(): Promise<void> {
  await Promise.all([...started].map((replica) => replica.stop()));
  started.clear();
}

export interface Replica {
  readonly url: string;
  readonly child: ChildProcess;
  /** Everything it wrote to stdout, as lines. */
  readonly lines: string[];
  /** The last 20 kB it wrote to stdout and stderr, for failure messages and for "heap out of memory". */
  output(): string;
  /** SIGTERM, then waits for the exit code. */
  stop(): Promise<number | null>;
}

/** `node --import tsx src/main.ts` with only PATH and `env`, on a free loopback port; resolves once it listens. */
export async function startReplica(env: Record<string, string>, nodeArgs: string[] = []): Promise<Replica> {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let tail = '';
  const keep = (chunk: Buffer) => (tail = (tail + chunk.toString()).slice(-20_000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const replica: Replica = {
    get url() {
      return url;
    },
    child,
    lines,
    output: () => tail,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const [code] = (await exited) as [number | null];
      return code;
    },
  };
  started.add(replica);
  let url = '';
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  url = await new Promise<string>((resolve, reject) => {
    let pending = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const parts = pending.split('\n');
      pending = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        if (line.includes('partner-graph is listening')) resolve((JSON.parse(line) as { url: string }).url.replace(/\/graphql$/, ''));
      }
    });
    child.once('exit', (code) => reject(new Error(`gateway exited with ${code}: ${stderr}`)));
  });
  return replica;
}
