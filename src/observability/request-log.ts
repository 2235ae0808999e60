import type { Logger } from './logger.js';

/** The figures of one request's `graphql request` line. */
export interface RequestLine {
  readonly correlationId: string;
  /** Who asked (tid, oid, or a token-hash prefix): never a name, an email or a token. */
  readonly caller?: Readonly<Record<string, string>>;
  readonly operationName: string | null;
  readonly status: number;
  readonly durationMs: number;
  readonly upstreamCalls: number;
  readonly outcome: 'ok' | 'partial' | 'error';
  readonly errorCodes: readonly string[];
  readonly sharedWith?: string;
  readonly sharedCompleted?: boolean;
}

/**
 * The one summary line per request, whoever answered it: yoga (use-request-state) or the HTTP server itself
 * (a request refused before yoga, or cut at the shutdown grace). One shape, so one query finds them all.
 */
export function logRequest(logger: Logger, { correlationId, caller, sharedWith, sharedCompleted, errorCodes, ...figures }: RequestLine): void {
  // The root logger with the correlation id as a field, the same line as the request's child logger would
  // write: most requests log nothing else, and making the child (bindings, redaction) cost more than the line.
  logger.info(
    {
      correlationId,
      ...caller,
      graphql: {
        ...figures,
        errorCodes: [...new Set(errorCodes)],
        ...(sharedWith ? { sharedWith } : {}),
        ...(sharedCompleted ? { sharedCompleted: true } : {}),
      },
    },
    'graphql request',
  );
}

/** Milliseconds since `startedAt` (a performance.now() reading), to two decimals. */
export const elapsedMs = (startedAt: number): number => Math.round((performance.now() - startedAt) * 100) / 100;
