/**
 * When a response has really ended. Most are written in one piece; an incremental one (@defer/@stream) ends
 * after its last payload or when its caller goes away (use-incremental-delivery says which). What must see the
 * whole response (its log line, metrics, span, the scope's release) waits here.
 */
const pending = new WeakMap<Request, (() => void)[]>();

/** The response carries several payloads (use-incremental-delivery): it ends at endResponse, not when it is made. */
export function awaitLastPayload(request: Request): void {
  if (!pending.has(request)) pending.set(request, []);
}

/** Whether the response is still waiting for its last payload. */
export function awaitsLastPayload(request: Request): boolean {
  return pending.has(request);
}

/** Runs `finish` once the response has ended: at once, or, for an incremental response, after its last payload. */
export function afterResponse(request: Request, finish: () => void): void {
  const waiting = pending.get(request);
  if (waiting) waiting.push(finish);
  else finish();
}

/** The incremental response's last payload is written, or its caller went away: what waited for it runs, once. */
export function endResponse(request: Request): void {
  const waiting = pending.get(request);
  if (!waiting) return;
  pending.delete(request);
  for (const finish of waiting) finish();
}
