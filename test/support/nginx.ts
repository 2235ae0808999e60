import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './redis.js';
import { ROOT } from './processes.js';

export interface Nginx {
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * Debian's nginx with deploy/nginx.conf's proxying as it ships, for local replicas: only the parts that
 * depend on Docker (its DNS resolver, the `gateway` name, the port, the pid path) are replaced.
 */
export function nginxConfig(upstreams: readonly string[], port: number, dir: string): string {
  const shipped = readFileSync(join(ROOT, 'deploy/nginx.conf'), 'utf8');
  const servers = upstreams.map((url) => `    server ${new URL(url).host} max_fails=1 fail_timeout=5s;`).join('\n');
  return shipped
    .replace(/^pid .*$/m, `pid ${dir}/nginx.pid;\nerror_log ${dir}/error.log warn;`)
    .replace(/^\s*resolver .*$/m, '')
    .replace(/^\s*zone .*$/m, '')
    .replace(/^\s*server gateway:4000 .*$/m, servers)
    .replace(/listen 8080;/, `listen 127.0.0.1:${port};`)
    .replace(/^http \{$/m, `http {\n  client_body_temp_path ${dir}/body;\n  proxy_temp_path ${dir}/proxy;`)
    .replace(/^worker_processes auto;$/m, 'worker_processes 1;\nuser root;');
}

export async function startNginx(upstreams: readonly string[]): Promise<Nginx> {
  const dir = mkdtempSync(join(tmpdir(), 'partner-graph-nginx-'));
  const port = await freePort();
  writeFileSync(join(dir, 'nginx.conf'), nginxConfig(upstreams, port, dir));
  const child: ChildProcess = spawn('nginx', ['-p', dir, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const end = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited: ${stderr}`);
    try {
      await fetch(`${url}/health`);
      break;
    } catch {
      if (Date.now() > end) throw new Error(`nginx did not answer: ${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
  return {
    url,
    async stop() {
      if (child.exitCode === null) {
        const exited = once(child, 'exit');
        child.kill('SIGQUIT');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
