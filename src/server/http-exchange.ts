/**
 * What the HTTP server knows of one request before yoga sees it. server.ts hands it to yoga as
 * `serverContext.exchange`; plugins only read it.
 */
export interface HttpExchange {
  /** The request's correlation id, fixed by the server so that an answer it writes itself carries the same one. */
  readonly correlationId: string;
  /** performance.now() when the request arrived. */
  readonly startedAt: number;
  /**
   * Set once the server answered the request itself (the shutdown grace ended first): whatever yoga produces
   * later is not what the client got, so it is neither logged nor counted.
   */
  answeredByServer: boolean;
}

/** The exchange server.ts attached to a yoga server context; undefined for yoga.fetch (tests). */
export function exchangeOf(serverContext: unknown): HttpExchange | undefined {
  return (serverContext as { exchange?: HttpExchange } | undefined)?.exchange;
}
