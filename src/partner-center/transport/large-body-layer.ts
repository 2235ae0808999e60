import { ownTurn } from '../../concurrency/turns.js';
import type { GetJson } from './http.js';
import { LargeBody } from './large-bodies.js';
import { stoppedError, UpstreamError } from './upstream-error.js';

/**
 * Between resilience and single-flight: large bodies wait for the budget (call.bodies, the execution's ticket)
 * outside the bulkhead, so waiting never holds a connection or a slot another execution needs, and are parsed
 * in a turn of their own. Once for a shared call, under the ticket of the execution that made it.
 */
export function withLargeBodies(getJson: GetJson): GetJson {
  return async function largeBodies(call, target, attempt) {
    const response = await getJson(call, target, attempt);
    if (!(response.body instanceof LargeBody)) return response;
    const { bytes } = response.body;
    const details = { status: response.status, requestId: response.requestId, route: target.route };
    try {
      await call.bodies?.admit(bytes.length, call.signal);
      await ownTurn();
      // A request that went away while this body waited is not worth ~20 ms of parsing.
      call.signal?.throwIfAborted();
    } catch (error) {
      if (!call.signal?.aborted) throw error;
      throw stoppedError(call.signal, { ...details, cause: error });
    }
    let value: unknown;
    try {
      value = JSON.parse(bytes.toString('utf8'));
    } catch (cause) {
      throw new UpstreamError('Partner Center sent a body that is not valid JSON', { ...details, kind: 'invalid-response', cause });
    }
    await ownTurn();
    return { body: value, status: response.status, requestId: response.requestId };
  };
}
