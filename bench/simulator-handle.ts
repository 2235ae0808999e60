/** run.ts's side of simulator-child.ts: fork it, wait for its URL, and talk to it over IPC. */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { SimulatorCommand, SimulatorReply, UpstreamCall } from './simulator-protocol.js';

type Command = SimulatorCommand extends infer C ? (C extends { id: number } ? Omit<C, 'id'> : never) : never;

export interface SimulatorHandle {
  readonly url: string;
  /** For /proc: whether the simulator, not the target, was the bottleneck. */
  readonly pid: number;
  /** Generated customers with ordinary data, in list order. */
  readonly ordinary: readonly string[];
  readonly big: string;
  setLatency(ms: number): Promise<void>;
  /** /v1 calls received so far. */
  calls(): Promise<number>;
  /** Keeps the /v1 calls from now until `captured()`. */
  capture(): Promise<void>;
  captured(): Promise<UpstreamCall[]>;
  stop(): Promise<void>;
}

export async function startSimulator(): Promise<SimulatorHandle> {
  // tsx only here: the simulator is not measured, and it is TypeScript source.
  const child = fork(fileURLToPath(new URL('./simulator-child.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await firstMessage(child, (m): m is Extract<SimulatorReply, { type: 'ready' }> => m.type === 'ready');
  let nextId = 1;
  const ask = async (command: Command): Promise<SimulatorReply> => {
    const id = nextId++;
    const reply = firstMessage(child, (m): m is SimulatorReply => (m as { id?: number }).id === id);
    child.send({ ...command, id });
    return reply;
  };
  return {
    url: ready.url,
    pid: child.pid!,
    ordinary: ready.ordinary,
    big: ready.big,
    setLatency: async (ms) => void (await ask({ type: 'latency', ms })),
    calls: async () => {
      const reply = await ask({ type: 'count' });
      return reply.type === 'count' ? reply.calls : Number.NaN;
    },
    capture: async () => void (await ask({ type: 'capture' })),
    captured: async () => {
      const reply = await ask({ type: 'captured' });
      return reply.type === 'captured' ? reply.calls : [];
    },
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.disconnect();
      await exited;
    },
  };
}

function firstMessage<T extends SimulatorReply>(child: ChildProcess, accept: (m: SimulatorReply) => m is T): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: SimulatorReply): void => {
      if (!accept(message)) return;
      cleanup();
      resolve(message);
    };
    const onExit = (code: number | null): void => {
      cleanup();
      reject(new Error(`the simulator child exited (code ${code})`));
    };
    const cleanup = (): void => {
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}
