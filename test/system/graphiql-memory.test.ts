import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { request } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';
import { startReplica, stopReplicas } from '../support/processes.js';

const STALLED = 40;
const MB = 1024 * 1024;
const opened: Socket[] = [];

/** Resident set size of a process, bytes (Linux). */
function rss(pid: number): number {
  const kB = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!kB) throw new Error(`no VmRSS for ${pid}`);
  return Number(kB[1]) * 1024;
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

afterAll(() => stopReplicas());

describe('a gateway with a 256 MB heap and GraphiQL on', () => {
  it(`stays up, answers /health within 1 s and keeps its RSS while ${STALLED} browsers stall reading the page`, async () => {
    // `npm start`'s set-up: the embedded simulator, GraphiQL on by default.
    const gateway = await startReplica({}, ['--max-old-space-size=256']);
    const { child, output } = gateway;
    try {
      const url = new URL(`${gateway.url}/graphql`);
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
      await gateway.stop();
    }
    expect(output()).not.toContain('heap out of memory');
  }, 120_000);
});
