import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app/create-app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/observability/logger.js';
import { createClientOver, type PartnerCenterClient } from '../../src/partner-center/client/client.js';

const A = 'b0d70a69-4c42-4b27-b17b-91a835d8686a';

describe('unexpected errors', () => {
  it('are masked for the client and logged in full with the correlation id', async () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'info', destination: new Writable({ write: (c: Buffer, _e, cb) => (lines.push(c.toString()), cb()) }) });
    const broken: PartnerCenterClient = {
      // Every other call fails as unused; the query below makes only these two.
      ...createClientOver(() => Promise.reject(new Error('not used'))),
      getCustomer: () => Promise.reject(new Error('database password is hunter2')),
      listOrders: () => Promise.resolve([]),
      getOrder: () => Promise.reject(new Error('not used')),
    };
    const app = createApp({ config: loadConfig({ NODE_ENV: 'test' }), logger, upstream: broken });
    const response = await app.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer t', 'ms-correlationid': 'a4f1e9a8-2d1b-4c3e-9f5a-6b7c8d9e0f12' },
      body: JSON.stringify({ query: `{ customer(id: "${A}") { id companyProfile { companyName } orders { id } } }` }),
    });
    const body = (await response.json()) as { data: unknown; errors: { message: string; extensions: Record<string, unknown> }[] };
    expect(response.status).toBe(200);
    expect(body.data).toEqual({ customer: { id: A, companyProfile: null, orders: [] } });
    expect(body.errors).toEqual([
      {
        message: 'Unexpected error.',
        locations: [expect.objectContaining({ line: 1 })],
        path: ['customer', 'companyProfile'],
        extensions: { code: 'INTERNAL_SERVER_ERROR', correlationId: 'a4f1e9a8-2d1b-4c3e-9f5a-6b7c8d9e0f12' },
      },
    ]);
    expect(JSON.stringify(body)).not.toContain('hunter2');
    const logged = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.msg === 'unexpected error in a resolver');
    expect(logged).toMatchObject({ correlationId: 'a4f1e9a8-2d1b-4c3e-9f5a-6b7c8d9e0f12', err: { message: 'database password is hunter2' } });
  });
});
