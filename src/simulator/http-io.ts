/** Writing responses: the headers every Partner Center answer carries (API-FACTS 1.2), and abortable delays. */
import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Reply } from './errors.js';
import type { RecordedRequest } from './request-log.js';
import { headerValue } from './route-context.js';

export const JSON_TYPE = 'application/json; charset=utf-8';

export interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  entry: RecordedRequest;
  /** Echo and trace headers for this exchange, computed once so every answer path carries the same ones. */
  baseHeaders: Record<string, string>;
  /** Called right after the response is written (in-flight accounting). */
  onSent: () => void;
  /** Set by a `cut-body` fault: a streamed body stops after this many bytes and the socket is destroyed. */
  cutAfterBytes?: number;
  /** Set by a `gate-body` fault: a streamed body waits for `open` once it has sent `afterBytes` bytes. */
  bodyGate?: { afterBytes: number; open: Promise<unknown> };
}

/** Echoes MS-CorrelationId / MS-RequestId (generating GUIDs when missing) and adds MS-CV and MS-ServerId. */
export function baseHeaders(req: IncomingMessage, serverId: string): Record<string, string> {
  return {
    'MS-CorrelationId': headerValue(req.headers, 'ms-correlationid') || randomUUID(),
    'MS-RequestId': headerValue(req.headers, 'ms-requestid') || randomUUID(),
    'MS-CV': `${randomBytes(12).toString('base64')}.0`,
    'MS-ServerId': serverId,
  };
}

/** Merges header maps left to right; names compare case-insensitively, so an override never duplicates a header. */
export function mergeHeaders(...maps: (Record<string, string> | undefined)[]): Record<string, string> {
  const out: Record<string, string> = {};
  const names = new Map<string, string>();
  for (const map of maps) {
    for (const [name, value] of Object.entries(map ?? {})) {
      const previous = names.get(name.toLowerCase());
      if (previous !== undefined) delete out[previous];
      names.set(name.toLowerCase(), name);
      out[name] = value;
    }
  }
  return out;
}

export function sendText(ex: Exchange, status: number, body: string, headers: Record<string, string>): void {
  if (ex.res.headersSent || ex.res.destroyed) return;
  // Recorded before writing, so a test that has read the response always sees the final status.
  ex.entry.status = status;
  ex.res.writeHead(status, mergeHeaders(headers, { 'Content-Length': String(Buffer.byteLength(body)) }));
  ex.res.end(body);
  ex.onSent();
}

export function sendReply(ex: Exchange, reply: Reply): void {
  const body = reply.status === 204 ? '' : JSON.stringify(reply.body);
  sendText(ex, reply.status, body, mergeHeaders(ex.baseHeaders, { 'Content-Type': JSON_TYPE }, reply.headers));
}

/** Waits `ms`, ending early if the client goes away, so closed connections never keep timers alive. */
export function delay(ms: number, res: ServerResponse): Promise<void> {
  if (ms <= 0 || res.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      res.off('close', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    res.once('close', done);
  });
}
