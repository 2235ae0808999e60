import type { Dispatcher } from 'undici';
import type { CancelSignal } from '../../concurrency/cancellation.js';

/** What the server answered to one request: its status and headers, and its body as read within the limit. */
export interface Answer {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The whole body; undefined when it was larger than its limit; 'refused' when `more` said stop. */
  readonly bytes: Buffer | undefined | 'refused';
}

/** How one answer's body is read: told the status when the headers arrive, and the size read after each chunk. */
export interface Reading {
  /** The answer's status has arrived; returns the most body bytes to read for it. */
  started(statusCode: number): number;
  /** The size read so far; false stops the read ('refused'). Default: always go on. */
  more?(size: number): boolean;
}

/**
 * Sends one request through undici's dispatcher and collects the answer's body in a list of buffers: no stream
 * per answer (undici's request() makes a Readable and its events for each). A body past its limit, or one `more`
 * refuses, is not read on: the request is aborted (its connection closed), so reading never waits. The bytes stay
 * Buffers (outside V8's heap) and are joined once, whole. `signal` aborts the request with its reason.
 */
export function dispatchRequest(dispatcher: Dispatcher, options: Dispatcher.DispatchOptions, signal: CancelSignal | undefined, reading: Reading): Promise<Answer> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    dispatcher.dispatch(options, new CallHandler(signal, reading, resolve, reject));
  });
}

/** Aborts a request whose body is no longer read; never seen by the caller, whose promise has settled. */
class BodyDiscarded extends Error {
  constructor() {
    super('The rest of the body was discarded');
    this.name = 'BodyDiscarded';
  }
}

export class CallHandler implements Dispatcher.DispatchHandler {
  #controller: Dispatcher.DispatchController | undefined;
  #statusCode = 0;
  #headers: Answer['headers'] = {};
  #limit = Infinity;
  #chunks: Buffer[] = [];
  #size = 0;
  #settled = false;
  readonly #onAbort = (): void => this.#controller?.abort(this.signal?.reason);

  constructor(
    private readonly signal: CancelSignal | undefined,
    private readonly reading: Reading,
    private readonly resolve: (answer: Answer) => void,
    private readonly reject: (error: unknown) => void,
  ) {
    signal?.addEventListener('abort', this.#onAbort, { once: true });
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.#controller = controller;
    // Aborted while it waited for a connection.
    if (this.signal?.aborted) controller.abort(this.signal.reason);
  }

  onResponseStart(_controller: Dispatcher.DispatchController, statusCode: number, headers: Answer['headers']): void {
    this.#statusCode = statusCode;
    this.#headers = headers;
    this.#limit = this.reading.started(statusCode);
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.#settled) return;
    this.#size += chunk.length;
    if (this.#size > this.#limit) return this.#discard(controller, undefined);
    if (this.reading.more && !this.reading.more(this.#size)) return this.#discard(controller, 'refused');
    this.#chunks.push(chunk);
  }

  onResponseEnd(_controller: Dispatcher.DispatchController, _trailers: unknown): void {
    if (this.#settled) return;
    const chunks = this.#chunks;
    this.#settle();
    this.resolve({ statusCode: this.#statusCode, headers: this.#headers, bytes: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, this.#size) });
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    if (this.#settled) return;
    this.#settle();
    this.reject(error);
  }

  #discard(controller: Dispatcher.DispatchController, bytes: undefined | 'refused'): void {
    this.#settle();
    this.resolve({ statusCode: this.#statusCode, headers: this.#headers, bytes });
    controller.abort(new BodyDiscarded());
  }

  #settle(): void {
    this.#settled = true;
    this.#chunks = [];
    this.signal?.removeEventListener('abort', this.#onAbort);
  }
}
