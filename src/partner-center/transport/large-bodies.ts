import type { CancelSignal } from '../../concurrency/cancellation.js';

/**
 * A 2xx JSON body of at least LARGE_BODY bytes, read but not yet decoded or parsed: the transport hands these on
 * so that waiting for memory, decoding and parsing happen outside the bulkhead, once the connection is free.
 * When the call has a ticket (call.bodies), the transport counted these bytes against the budget's queue while it
 * read them, and admitting the body (BodyTicket.admit) takes that reservation over.
 */
export class LargeBody {
  constructor(readonly bytes: Buffer) {}
}

/**
 * Bodies at least this large are counted against the memory budget and parsed in an event-loop turn of their
 * own, their result handed on in another (turns.ts): a 2,000-order page (2.6 MB) takes ~22 ms to JSON.parse and
 * ~10 ms more to execute, which would otherwise run as one block, back to back with other large answers.
 */
export const LARGE_BODY = 256 * 1024;

/**
 * The memory budget for large upstream bodies, process-wide. A 2.6 MB page becomes ~15 MB of objects and stays
 * until its request has answered; without a bound, forty concurrent requests for one large customer took the
 * heap past 700 MB and crashed a gateway with a 256 MB heap (BENCHMARKS.md). Two bounds:
 * - `budgetBytes`: bytes of large bodies that executions may parse and hold at once (admitted);
 * - `maxQueuedBytes`: bytes of large bodies being read or read and waiting for the budget (queued), held as
 *   Buffers outside V8's heap. A read that would pass it is stopped and fails fast (UPSTREAM_UNAVAILABLE, like
 *   a full bulkhead): reading never waits, so it can never hold a bulkhead slot another execution needs.
 *
 * The budget is held per execution (a ticket), from its first large body until it has answered (or its
 * deadline passed, or its callers left): the memory lives that long. Waiting never holds anything, so there is
 * no deadlock: an execution that already holds budget takes more without waiting (a 25-customer fan-out can
 * hold all its pages), and when one of its bodies is admitted, its other waiting bodies are admitted with it.
 * One body larger than the whole budget is admitted when nothing else is. Waiters are served in order.
 */
export class BodyBudget {
  #admitted = 0;
  /** Bytes being read or waiting: both count against maxQueuedBytes. */
  #queued = 0;
  #waitingBytes = 0;
  #waited = 0;
  #rejected = 0;
  readonly #queue: Waiter[] = [];

  constructor(
    readonly budgetBytes: number,
    readonly maxQueuedBytes: number,
  ) {}

  /** One per execution, closed when it has answered or its deadline fired (request-state.ts). */
  ticket(): BodyTicket {
    return new BodyTicket(this);
  }

  /**
   * Counts `bytes` more of a large body being read. False (and nothing counted) when the bytes read or waiting
   * would pass maxQueuedBytes: the caller stops reading and fails.
   */
  reserve(bytes: number): boolean {
    if (this.#queued + bytes > this.maxQueuedBytes) {
      this.#rejected += 1;
      return false;
    }
    this.#queued += bytes;
    return true;
  }

  /** Gives back what reserve() counted for a body that will not be admitted (its read failed). */
  unreserve(bytes: number): void {
    this.#queued -= bytes;
  }

  /** For /metrics and tests: bytes admitted, being read, waiting; bodies waiting now; bodies that waited or were refused. */
  stats(): { admittedBytes: number; readingBytes: number; waitingBytes: number; waiting: number; waitedTotal: number; rejectedTotal: number } {
    return {
      admittedBytes: this.#admitted,
      readingBytes: this.#queued - this.#waitingBytes,
      waitingBytes: this.#waitingBytes,
      waiting: this.#queue.length,
      waitedTotal: this.#waited,
      rejectedTotal: this.#rejected,
    };
  }

  /** @internal BodyTicket.admit: `bytes` were reserved while they were read. */
  admit(ticket: BodyTicket, bytes: number, signal: CancelSignal | undefined): Promise<void> | undefined {
    if (ticket.closed) {
      // Its execution has ended: a shared call finishing for the others goes ahead, uncounted.
      this.#queued -= bytes;
      return undefined;
    }
    if (ticket.held > 0 || (this.#queue.length === 0 && (this.#admitted === 0 || this.#admitted + bytes <= this.budgetBytes))) {
      this.#queued -= bytes;
      this.#grant(ticket, bytes);
      return undefined;
    }
    if (signal?.aborted) {
      this.#queued -= bytes;
      return Promise.reject(signal.reason);
    }
    this.#waited += 1;
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { ticket, bytes, resolve, signal, onAbort: undefined };
      if (signal) {
        waiter.onAbort = () => {
          this.#remove(waiter);
          reject(signal.reason);
          this.#pump();
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      this.#queue.push(waiter);
      this.#waitingBytes += bytes;
    });
  }

  /** @internal BodyTicket.close */
  release(ticket: BodyTicket): void {
    this.#admitted -= ticket.held;
    ticket.held = 0;
    // Its bodies still waiting (shared calls others wait for) go ahead without counting: nothing will release them.
    for (const waiter of this.#queue.filter((w) => w.ticket === ticket)) this.#settle(waiter);
    this.#pump();
  }

  #grant(ticket: BodyTicket, bytes: number): void {
    ticket.held += bytes;
    this.#admitted += bytes;
  }

  #pump(): void {
    while (this.#queue.length > 0) {
      const head = this.#queue[0]!;
      if (this.#admitted > 0 && this.#admitted + head.bytes > this.budgetBytes) return;
      // The head and every other body of its execution: an execution holding budget never waits.
      for (const waiter of this.#queue.filter((w) => w.ticket === head.ticket)) {
        this.#grant(waiter.ticket, waiter.bytes);
        this.#settle(waiter);
      }
    }
  }

  #settle(waiter: Waiter): void {
    this.#remove(waiter);
    if (waiter.onAbort) waiter.signal?.removeEventListener('abort', waiter.onAbort);
    waiter.resolve();
  }

  /** Out of the queue: its bytes are no longer queued (admitted, or given up). */
  #remove(waiter: Waiter): void {
    const at = this.#queue.indexOf(waiter);
    if (at < 0) return;
    this.#queue.splice(at, 1);
    this.#waitingBytes -= waiter.bytes;
    this.#queued -= waiter.bytes;
  }
}

interface Waiter {
  readonly ticket: BodyTicket;
  readonly bytes: number;
  readonly resolve: () => void;
  readonly signal: CancelSignal | undefined;
  onAbort: (() => void) | undefined;
}

/** One execution's share of the budget; closed when the execution has answered (request-state.ts). */
export class BodyTicket {
  held = 0;
  closed = false;

  constructor(readonly budget: BodyBudget) {}

  /** Resolves when `bytes` (reserved while read) may be parsed; rejects when `signal` aborts first. */
  admit(bytes: number, signal?: CancelSignal): Promise<void> | undefined {
    return this.budget.admit(this, bytes, signal);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.budget.release(this);
  }
}
