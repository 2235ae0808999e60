import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { request } from 'undici';
import { DEV_AUTHORIZATION, SAMPLE_QUERY } from '../../src/plugins/http/sample-query.js';
import { dataOf } from '../support/data-of.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TSX = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));

function run(env: Record<string, string>) {
  // What `npm start` runs, with a clean environment apart from what the test sets.
  return spawn(TSX, ['src/main.ts'], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
}

describe('npm start', () => {
  it('starts on the embedded simulator, prints the GraphiQL address, answers the sample query and stops on SIGTERM', async () => {
    const child = run({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' });
    let stdout = '';
    const address = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const match = /GraphiQL: (http:\/\/\S+\/graphql)/.exec(stdout);
        if (match) resolve(match[1]!);
      });
      child.once('exit', (code) => reject(new Error(`exited with ${code}: ${stdout}`)));
    });
    try {
      expect(stdout).toContain('query CustomerOrders');
      const response = await request(address, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: DEV_AUTHORIZATION },
        body: JSON.stringify({ query: SAMPLE_QUERY }),
      });
      const { customer } = dataOf<{ customer: { orders: { id: string }[] } }>((await response.body.json()) as { data?: unknown; errors?: unknown[] });
      expect(customer.orders.map((o) => o.id)).toEqual(['9qg-ErcO-4MPbPqq_3MIQaS7bn8W6HfG1', 's-BZlr_TeGksPNT61SsWRL-sqMaKbyVa1']);
      const page = await request(address, { headers: { accept: 'text/html' } });
      const html = await page.body.text();
      expect(html).toContain('CustomerOrders');
      expect(html).toContain('dev-token');
    } finally {
      child.kill('SIGTERM');
    }
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  }, 30_000);

  it('refuses to start on bad configuration, naming every bad variable, without a stack trace', async () => {
    const child = run({ PORT: 'abc', UPSTREAM_TIMEOUT_MS: '0', PARTNER_CENTER_URL: 'not a url' });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = await once(child, 'exit');
    expect(code).toBe(1);
    expect(stderr).toContain('Invalid configuration');
    for (const name of ['PORT="abc"', 'UPSTREAM_TIMEOUT_MS="0"', 'PARTNER_CENTER_URL="not a url"']) expect(stderr).toContain(name);
    expect(stderr).not.toMatch(/\n\s+at /);
  }, 30_000);
});
