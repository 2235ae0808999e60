/** IPC messages between run.ts and simulator-child.ts. Every command carries an id its reply repeats. */

/** One upstream call as the simulator received it: what the baseline must send like the gateway. */
export interface UpstreamCall {
  url: string;
  authorization: string;
  correlationId: string;
  requestId: string;
  application: string;
  accept: string;
}

export type SimulatorCommand = { id: number } & (
  | { type: 'latency'; ms: number }
  /** /v1 calls received since the child started. */
  | { type: 'count' }
  /** Start keeping the /v1 calls; 'captured' returns them and stops. */
  | { type: 'capture' }
  | { type: 'captured' }
);

export type SimulatorReply =
  | { type: 'ready'; url: string; ordinary: string[]; big: string }
  | { type: 'ok' }
  | { type: 'count'; calls: number }
  | { type: 'captured'; calls: UpstreamCall[] };
