import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { SEED_004_CUSTOMER_ID } from '../../src/simulator/constants.js';
import { startGateway } from '../support/gateway.js';

describe('graceful shutdown', () => {
  it('turns not ready, finishes in-flight requests, closes pools and then refuses connections', async () => {
    let openGate!: () => void;
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    const gw = await startGateway({ simulator: { latencyMs: 250 }, beforeDrain: () => gate });
    try {
      const inFlight = gw.query(`{ customer(id: "${SEED_004_CUSTOMER_ID}") { orders(billingCycle: ONE_TIME) { id } } }`);
      await gw.sim.waitForRequests(1); // the request is inside the gateway, waiting on Partner Center

      const shutdown = gw.lifecycle.shutdown('SIGTERM');
      expect(gw.lifecycle.ready()).toBe(false);
      const ready = await request(`${gw.url}/ready`);
      expect(ready.statusCode).toBe(503);
      expect(await ready.body.json()).toEqual({ status: 'not ready', draining: true, upstream: 'ok' });

      openGate(); // the load balancer has noticed: drain
      const response = await inFlight;
      expect(response.status).toBe(200);
      expect(response.body.data).toEqual({
        customer: { orders: [{ id: '9qg-ErcO-4MPbPqq_3MIQaS7bn8W6HfG1' }, { id: 's-BZlr_TeGksPNT61SsWRL-sqMaKbyVa1' }] },
      });
      await shutdown;
      await expect(request(`${gw.url}/health`)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
      expect(gw.logs.map((l) => l.msg).filter((m) => m === 'shutting down' || m === 'stopped')).toEqual(['shutting down', 'stopped']);
    } finally {
      await gw.close();
    }
  });
});
