/** The request log tests inspect, and waitForRequests, which lets them synchronise without sleeping. */
import type { IncomingMessage } from 'node:http';

export interface RecordedRequest {
  /** 1, 2, 3... in arrival order; keeps counting across clearRequests() so entries stay distinguishable. */
  seq: number;
  method: string;
  /** Raw path + query as received. */
  url: string;
  /** Pathname, still percent-encoded. */
  path: string;
  /** Query parameters, decoded; the first value wins when a name repeats. */
  query: Record<string, string>;
  /** Lower-cased names; values as received (the authorization value too, so tests can check forwarding). */
  headers: Record<string, string>;
  /** Status the simulator answered; 0 while unanswered and for reset or hung requests. */
  status: number;
}

interface Waiter {
  count: number;
  resolve: () => void;
}

export class RequestLog {
  private entries: RecordedRequest[] = [];
  private nextSeq = 1;
  /** Non-control requests since the last clear. */
  private counted = 0;
  private waiters: Waiter[] = [];

  /** A snapshot of the entries; each entry object is live (its status is filled in when answered). */
  get all(): readonly RecordedRequest[] {
    return [...this.entries];
  }

  record(req: IncomingMessage, url: URL, control: boolean): RecordedRequest {
    const query: Record<string, string> = {};
    for (const [key, value] of url.searchParams) if (!(key in query)) query[key] = value;
    const headers: Record<string, string> = {};
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers[key] = Array.isArray(value) ? value.join(', ') : value;
    }
    const entry: RecordedRequest = {
      seq: this.nextSeq++, method: req.method ?? 'GET', url: req.url ?? '/', path: url.pathname, query, headers, status: 0,
    };
    this.entries.push(entry);
    if (!control) {
      this.counted++;
      this.wake();
    }
    return entry;
  }

  clear(): void {
    this.entries = [];
    this.counted = 0;
  }

  /** Resolves once at least `count` non-control requests have been recorded since the last clear. */
  waitFor(count: number): Promise<void> {
    if (this.counted >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ count, resolve }));
  }

  private wake(): void {
    const ready = this.waiters.filter((w) => this.counted >= w.count);
    if (ready.length === 0) return;
    this.waiters = this.waiters.filter((w) => this.counted < w.count);
    for (const w of ready) w.resolve();
  }
}
