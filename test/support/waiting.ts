import type { FaultMatch } from '../../src/simulator/faults.js';
import type { TestGateway } from './gateway.js';

/** Resolves once `check` holds, looking again every event-loop turn; fails after `limitMs`. Never a sleep. */
export async function eventually(check: () => boolean | Promise<boolean>, what: string, limitMs = 5000): Promise<void> {
  const end = Date.now() + limitMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** A simulator gate: the next `times` calls matching `match` wait until the returned function opens it. */
export function gate(gw: TestGateway, match: FaultMatch, times: number): () => void {
  let open!: () => void;
  gw.sim.inject({ match, fault: { kind: 'gate', open: new Promise<void>((resolve) => (open = resolve)) }, times });
  return open;
}

/** Resolves once `n` log lines with message `msg` have been written. */
export function logged(gw: TestGateway, msg: string, n: number): Promise<void> {
  return eventually(() => gw.logs.filter((l) => l.msg === msg).length >= n, `${n} "${msg}" log lines`);
}
