import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { SEED_000_CUSTOMER_ID, SEED_004_CUSTOMER_ID } from '../../src/simulator/constants.js';
import { createSimulator } from '../../src/simulator/simulator.js';

let close: (() => Promise<void>) | undefined;
afterEach(async () => close?.());

async function start(perMinute: number, scope?: 'partner' | 'partner-customer') {
  let clock = 1_000_000;
  const sim = createSimulator({ now: () => clock, rateLimit: { perMinute, ...(scope ? { scope } : {}) } });
  const server = await sim.listen();
  close = server.close;
  const get = async (path: string) => {
    const response = await request(`${server.url}${path}`, { headers: { authorization: 'Bearer t' } });
    return { status: response.statusCode, retryAfter: response.headers['retry-after'], body: await response.body.json() };
  };
  return { get, advance: (ms: number) => (clock += ms) };
}

describe('simulator rate limit (500 a minute per partner, customer and family by default)', () => {
  it('answers 429 with Retry-After and a gateway body once the bucket is empty, and refills with time', async () => {
    const { get, advance } = await start(3);
    const path = `/v1/customers/${SEED_004_CUSTOMER_ID}/orders`;
    expect((await get(path)).status).toBe(200);
    expect((await get(path)).status).toBe(200);
    expect((await get(`/v1/customers/${SEED_004_CUSTOMER_ID}/orders/9qg-ErcO-4MPbPqq_3MIQaS7bn8W6HfG1`)).status).toBe(200);
    const throttled = await get(path);
    expect(throttled).toEqual({ status: 429, retryAfter: '20', body: { statusCode: 429, message: 'Rate limit is exceeded. Try again in 20 seconds.' } });
    advance(20_000);
    expect((await get(path)).status).toBe(200);
  });

  it('keeps separate buckets per customer and per resource family', async () => {
    const { get } = await start(1);
    expect((await get(`/v1/customers/${SEED_004_CUSTOMER_ID}/orders`)).status).toBe(200);
    expect((await get(`/v1/customers/${SEED_004_CUSTOMER_ID}`)).status).toBe(200);
    expect((await get(`/v1/customers/${SEED_000_CUSTOMER_ID}/orders`)).status).toBe(200);
    expect((await get(`/v1/customers/${SEED_004_CUSTOMER_ID}/orders`)).status).toBe(429);
  });

  it('can share one bucket per partner and family', async () => {
    const { get } = await start(1, 'partner');
    expect((await get(`/v1/customers/${SEED_004_CUSTOMER_ID}/orders`)).status).toBe(200);
    expect((await get(`/v1/customers/${SEED_000_CUSTOMER_ID}/orders`)).status).toBe(429);
  });
});
