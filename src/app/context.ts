import type { YogaInitialContext } from 'graphql-yoga';
import type { Caller } from '../auth/caller.js';
import type { Config } from '../config.js';
import { lazyChild, type Logger } from '../observability/logger.js';
import type { PartnerCenterClient } from '../partner-center/client/client.js';
import { answeredAsAuthenticated, type CallContext, type UpstreamCallRecord } from '../partner-center/transport/http.js';
import { createCallBudget } from '../partner-center/transport/call-budget.js';
import type { BodyBudget } from '../partner-center/transport/large-bodies.js';
import { createLoaders, type Loaders } from '../partner-center/loaders/loaders.js';
import { localeFromAcceptLanguage } from '../partner-center/client/locale.js';
import { openScope } from './request-scope.js';
import { requestState } from './request-state.js';
import type { RequestTracing } from '../observability/request-tracing.js';
import type { CancelSignal } from '../concurrency/cancellation.js';

/** What every resolver receives. One per GraphQL request; nothing in it outlives the request. */
export interface Context {
  readonly correlationId: string;
  readonly logger: Logger;
  /** The Authorization header sent to Partner Center for the caller (see use-authentication), if any. */
  readonly authorization: string | undefined;
  /** Who is asking (use-authentication); undefined when the request has no credentials. */
  readonly caller: Caller | undefined;
  readonly loaders: Loaders;
  readonly config: Config;
}

/** What a request's upstream calls came to, across its operations: owned by the context factory, read for its log line and metrics. */
export interface UpstreamFigures {
  readonly calls: number;
  /** Partner Center answered one of its calls as it answers only a caller whose token it accepted. */
  readonly authenticated: boolean;
}

const figures = new WeakMap<Request, { calls: number; authenticated: boolean }>();
const NO_CALLS: UpstreamFigures = Object.freeze({ calls: 0, authenticated: false });

export function upstreamFiguresOf(request: Request): UpstreamFigures {
  return figures.get(request) ?? NO_CALLS;
}

const BEARER = /^Bearer [A-Za-z0-9\-._~+/]+=*$/i;
const MAX_AUTHORIZATION_LENGTH = 16 * 1024;

/** The Authorization header if it is `Bearer <token68>` (RFC 6750) of sane length, else undefined. */
export function bearerAuthorization(request: Request): string | undefined {
  const value = request.headers.get('authorization')?.trim();
  if (!value || value.length > MAX_AUTHORIZATION_LENGTH || !BEARER.test(value)) return undefined;
  return value;
}

export interface ContextDependencies {
  config: Config;
  logger: Logger;
  client: PartnerCenterClient;
  /** Hears every upstream call as it ends (metrics.ts). Default: none. */
  onUpstreamCall?: (call: UpstreamCallRecord) => void;
  /** Opens a span around each upstream call of a request (request-tracing.ts). Default: no tracing. */
  tracing?: Pick<RequestTracing, 'startCall'>;
  /** The process's memory budget for large upstream bodies (large-bodies.ts). Default: unbounded. */
  bodyBudget?: BodyBudget;
  /** Who the request is from (use-authentication's callerOf). */
  callerOf: (request: Request) => Caller | undefined;
  /** What ends an execution others may share, if any (use-operation-single-flight). Default: only the request's own signal. */
  sharedExecutionSignal?: (request: Request) => CancelSignal | undefined;
}

export function createContextFactory({ config, logger, client, onUpstreamCall, tracing, bodyBudget, callerOf, sharedExecutionSignal }: ContextDependencies) {
  return function createContext({ request }: YogaInitialContext): Context {
    const state = requestState(request, logger);
    const caller = callerOf(request);
    // The one place the scope is made: the caller is known (use-authentication ran) and the execution starts.
    const { scope, bodies } = openScope(request, {
      correlationId: state.correlationId,
      caller,
      // Every line the execution logs names the caller.
      logger: caller ? lazyChild(logger, () => ({ correlationId: state.correlationId, ...caller.bindings })) : state.logger,
      deadlineMs: config.requestDeadlineMs,
      cancel: sharedExecutionSignal?.(request) ?? request.signal,
      bodyBudget,
    });
    const { deadline } = scope;
    let counted = figures.get(request);
    if (!counted) figures.set(request, (counted = { calls: 0, authenticated: false }));
    const upstream = counted;
    const authorization = caller?.authorization;
    // Every field present, undefined when unused: one object shape for every call the transport sees.
    const call: CallContext = {
      // Operations that reach a loader have passed use-authentication, so this is never empty there.
      authorization: authorization ?? '',
      callerKey: caller?.key,
      partnerKey: caller?.partnerKey,
      correlationId: scope.correlationId,
      // The caller going away or the request's deadline passing ends every upstream call it made.
      signal: deadline.signal,
      deadline: deadline.at,
      logger: scope.logger,
      onCall: (record) => {
        upstream.calls += 1;
        if (answeredAsAuthenticated(record)) upstream.authenticated = true;
        onUpstreamCall?.(record);
      },
      startCall: tracing?.startCall(request),
      bodies,
      budget: createCallBudget(config.limits.maxUpstreamCallsPerRequest),
      locale: localeFromAcceptLanguage(request.headers.get('accept-language'), config.locale.default),
    };
    return {
      correlationId: scope.correlationId,
      logger: scope.logger,
      authorization,
      caller,
      loaders: createLoaders(client, call, { concurrency: config.upstream.concurrencyPerRequest }),
      config,
    };
  };
}
