/**
 * Before anything is measured: each peer (the baseline, the yoga floor, the Apollo peer) must answer exactly what the
 * gateway answers and make the same upstream calls with the same headers, or the ratio compares different work.
 * Throws on any difference.
 */
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { Scenario } from './scenarios.js';
import type { SimulatorHandle } from './simulator-handle.js';
import type { UpstreamCall } from './simulator-protocol.js';
import type { Target } from './target-process.js';

interface Exchange {
  text: string;
  calls: UpstreamCall[];
}

interface Question {
  body: string;
  authorization: string;
  correlationId: string;
}

async function exchange(target: Target, scenario: Scenario, sim: SimulatorHandle, question: Question): Promise<Exchange> {
  const { body, authorization, correlationId } = question;
  await sim.capture();
  const response = await fetch(target.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', authorization, 'ms-correlationid': correlationId },
    body,
  });
  const text = await response.text();
  if (response.status !== 200 || text.includes('"errors"')) throw new Error(`${target.kind} answered ${scenario.name} with ${response.status}: ${text.slice(0, 500)}`);
  return { text, calls: await sim.captured() };
}

function checkCalls(kind: string, calls: UpstreamCall[], correlationId: string, expected: number): void {
  const problem = (what: string) => new Error(`${kind}'s upstream calls: ${what}`);
  if (calls.length !== expected) throw problem(`${calls.length} calls, expected ${expected}`);
  if (new Set(calls.map((c) => c.requestId)).size !== calls.length || calls.some((c) => c.requestId === '')) {
    throw problem('MS-RequestId is missing or repeated');
  }
  if (calls.some((c) => c.correlationId !== correlationId)) throw problem('MS-CorrelationId is not the caller\'s');
  if (new Set(calls.map((c) => c.authorization)).size !== 1 || !calls[0]?.authorization.startsWith('Bearer bench-')) {
    throw problem('Authorization is not the caller\'s token');
  }
}

/** How a peer's answer compared with the gateway's, once deep equality held. */
export type Sameness = 'byte-identical' | 'byte-identical but a trailing newline' | 'deep-equal, bytes differ';

/** Same question to the gateway and a peer; deep equality is required, the bytes are reported. */
export async function verifyBaseline(gateway: Target, baseline: Target, scenario: Scenario, sim: SimulatorHandle): Promise<Sameness> {
  const question = { ...scenario.next(), correlationId: randomUUID() };
  const ours = await exchange(gateway, scenario, sim, question);
  const theirs = await exchange(baseline, scenario, sim, question);
  if (!isDeepStrictEqual(JSON.parse(ours.text), JSON.parse(theirs.text))) {
    throw new Error(`${scenario.name}: the ${baseline.kind}'s answer differs from the gateway's\ngateway:  ${ours.text.slice(0, 400)}\n${baseline.kind}: ${theirs.text.slice(0, 400)}`);
  }
  checkCalls('gateway', ours.calls, question.correlationId, scenario.distinctResources);
  checkCalls(baseline.kind, theirs.calls, question.correlationId, scenario.distinctResources);
  const urls = (e: Exchange) => e.calls.map((c) => c.url).sort();
  if (!isDeepStrictEqual(urls(ours), urls(theirs))) throw new Error(`${scenario.name}: the ${baseline.kind} calls other URLs than the gateway`);
  const fixed = (e: Exchange) => [...new Set(e.calls.map((c) => `${c.accept} | ${c.application}`))];
  if (!isDeepStrictEqual(fixed(ours), fixed(theirs))) throw new Error(`${scenario.name}: Accept or MS-PartnerCenter-Application differ`);
  if (ours.text === theirs.text) return 'byte-identical';
  // Apollo Server ends every JSON answer with a newline.
  return ours.text.trimEnd() === theirs.text.trimEnd() ? 'byte-identical but a trailing newline' : 'deep-equal, bytes differ';
}
