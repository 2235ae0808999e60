import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startGateway, type StartOptions, type TestGateway } from './gateway.js';

/**
 * A stand-in for what a file's `beforeAll` starts: each property read goes to the started value (methods bound
 * to it), and a read before it has started fails naming `what`.
 */
export function startedBy<T extends object>(current: () => T | undefined, what: string): T {
  const started = () => {
    const value = current();
    if (value === undefined) throw new Error(`The ${what} is used before beforeAll started it.`);
    return value;
  };
  return new Proxy({} as T, {
    get: (_target, key) => {
      const target = started();
      const value: unknown = Reflect.get(target, key);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/**
 * One gateway for a whole test file: started before its tests, closed after them, and before each test its
 * upstream log reset (and, with `clearFaults`, the simulator's faults cleared). The handle stands for the
 * gateway once `beforeAll` has started it.
 */
export function useGateway(options: StartOptions = {}, { clearFaults = false } = {}): TestGateway {
  let gw: TestGateway | undefined;
  const handle = startedBy(() => gw, 'gateway');
  beforeAll(async () => {
    gw = await startGateway(options);
  });
  afterAll(() => gw?.close());
  beforeEach(() => {
    if (clearFaults) handle.sim.clearFaults();
    handle.resetUpstream();
  });
  return handle;
}
