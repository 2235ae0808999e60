import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startGateway, type StartOptions, type TestGateway } from './gateway.js';

/**
 * One gateway for a whole test file: started before its tests, closed after them, and before each test its
 * upstream log reset (and, with `clearFaults`, the simulator's faults cleared). The handle stands for the
 * gateway once `beforeAll` has started it.
 */
export function useGateway(options: StartOptions = {}, { clearFaults = false } = {}): TestGateway {
  let gw: TestGateway | undefined;
  const started = () => {
    if (gw === undefined) throw new Error('The gateway is used before beforeAll started it.');
    return gw;
  };
  beforeAll(async () => {
    gw = await startGateway(options);
  });
  afterAll(() => gw?.close());
  beforeEach(() => {
    if (clearFaults) started().sim.clearFaults();
    started().resetUpstream();
  });
  return new Proxy({} as TestGateway, {
    get: (_target, key) => {
      const value: unknown = Reflect.get(started(), key);
      return typeof value === 'function' ? value.bind(gw) : value;
    },
  });
}
