import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const STALLED = 40;
const MB = 1024 * 1024;
const opened: Socket[] = [];

/** Resident set size of a process, bytes (Linux). */
function rss(pid: number): number {
  const kB = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!kB) throw new Error(`no VmRSS for ${pid}`);
  return Number(kB[1]) * 1024;
}

/** `npm start` (embedded simulator, GraphiQL on by default) in a child with a 256 MB heap; resolves its address. */
function start(): { child: ChildProcess; address: Promise<URL>; output: () => string } {
  const child = spawn(process.execPath, ['--max-old-space-size=256', '--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const address = new Promise<URL>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /GraphiQL: (http:\/\/\S+\/graphql)/.exec(output);
      if (match) resolve(new URL(match[1]!));
    });
    child.once('exit', (code, signal) => reject(new Error(`exited with ${code ?? signal}: ${output.slice(-2000)}`)));
  });
  return { child, address, output: () => output };
}

/**
 * A browser-looking GET of the page that reads the first bytes of the answer, then never reads again.
 * Resolves false if the connection closed before any answer.
 */
async function stall(url: URL, acceptEncoding: string | undefined): Promise<boolean> {
  const socket = connect(Number(url.port), url.hostname);
  opened.push(socket);
  socket.on('error', () => undefined); // a reset is reported as the close below
  await once(socket, 'connect');
  socket.write(
    `GET ${url.pathname} HTTP/1.1\r\nHost: ${url.host}\r\nAccept: text/html\r\n${acceptEncoding ? `Accept-Encoding: ${acceptEncoding}\r\n` : ''}\r\n`,
  );
  // The first chunk proves the gateway is writing the page; from here on the client reads nothing.
  const chunk = await new Promise<Buffer | undefined>((resolve) => {
    socket.once('data', resolve);
    socket.once('close', () => resolve(undefined));
  });
  socket.pause();
  if (chunk === undefined) return false;
  expect(chunk.toString('latin1')).toMatch(/^HTTP\/1\.1 200 /);
  return true;
}

/** /health's status, or undefined if it does not answer within `ms`. */
function health(url: URL, ms: number): Promise<number | undefined> {
  return request(new URL('/health', url), { signal: AbortSignal.timeout(ms) }).then(
    async (response) => (await response.body.dump(), response.statusCode),
    () => undefined,
  );
}

describe('a gateway with a 256 MB heap and GraphiQL on', () => {
  it(`stays up, answers /health within 1 s and keeps its RSS while ${STALLED} browsers stall reading the page`, async () => {
    const { child, address, output } = start();
    const exited = once(child, 'exit');
    try {
      const url = await address;
      // The page is built once, on the first visit: build it before measuring what the stalled readers cost.
      const first = await request(url, { headers: { accept: 'text/html', 'accept-encoding': 'br' } });
      await first.body.dump();
      expect(first.statusCode).toBe(200);
      const before = rss(child.pid!);

      // Most ask for the uncompressed page, the worst case; some for the compressed one.
      const stalling = Array.from({ length: STALLED }, (_, i) => stall(url, i % 8 === 0 ? 'gzip, deflate, br' : undefined));
      const unanswered = (await Promise.all(stalling)).filter((answered) => !answered).length;
      if (unanswered > 0) {
        const status = await health(url, 5000);
        const lastWords = output().split('\n').filter((line) => !/^\s*\d+: 0x/.test(line)); // less V8's native frames
        throw new Error(`${unanswered} of ${STALLED} connections closed unanswered; /health: ${status ?? 'no answer'}\n${lastWords.join('\n').slice(-1500)}`);
      }

      expect(child.exitCode).toBeNull();
      const startedAt = performance.now();
      expect(await health(url, 1000)).toBe(200);
      expect(performance.now() - startedAt).toBeLessThan(1000);
      const grown = rss(child.pid!) - before;
      // Every stalled response is the same shared buffer: a few MB of bookkeeping, never a page per reader.
      expect(grown).toBeLessThan(64 * MB);
      expect(output()).not.toContain('heap out of memory');
    } finally {
      for (const socket of opened) socket.destroy();
      child.kill('SIGTERM');
    }
    await exited;
    expect(output()).not.toContain('heap out of memory');
  }, 120_000);
});
