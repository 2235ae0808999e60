/**
 * Control endpoints under /_simulator, for tools outside the test process (e.g. a gateway started separately):
 * GET /_simulator/health, GET /_simulator/requests (the log as a JSON array), DELETE /_simulator/requests.
 * They are logged but not counted by waitForRequests, and never delayed, faulted or authenticated.
 */
import { Faults, ok, type Reply } from './errors.js';
import type { RequestLog } from './request-log.js';

export function controlReply(method: string, pathname: string, log: RequestLog): Reply {
  if (pathname === '/_simulator/health') {
    return method === 'GET' ? ok({ status: 'ok' }) : Faults.methodNotAllowed();
  }
  if (pathname === '/_simulator/requests') {
    if (method === 'GET') return ok(log.all);
    if (method === 'DELETE') {
      log.clear();
      return { status: 204, body: undefined };
    }
    return Faults.methodNotAllowed();
  }
  return Faults.routeNotFound();
}
