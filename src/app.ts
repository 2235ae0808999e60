import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { GraphQLError } from 'graphql';
import { createYoga, type GraphiQLOptions, type YogaServerInstance } from 'graphql-yoga';
import type { Config } from './config.js';
import { createContextFactory, type Context } from './context.js';
import { AppError, ErrorCode } from './errors.js';
import type { Logger } from './logger.js';
import type { PartnerCenterClient } from './partner-center/client.js';
import { useAuthentication } from './plugins/use-authentication.js';
import { useErrorPolicy } from './plugins/use-error-policy.js';
import { useHealth, type HealthOptions } from './plugins/use-health.js';
import { useRequestState } from './plugins/use-request-state.js';
import { schema } from './schema/index.js';

export interface AppOptions {
  config: Config;
  logger: Logger;
  /** The Partner Center client over the process's shared connection pool. */
  upstream: PartnerCenterClient;
  /** GraphiQL's opening query and headers (main.ts fills them in for the embedded simulator). */
  graphiql?: Pick<GraphiQLOptions, 'defaultQuery' | 'headers'>;
  /** Readiness for GET /ready. Default: always ready. */
  ready?: HealthOptions['ready'];
}

export type App = YogaServerInstance<Record<string, unknown>, Context>;

/** The gateway as a fetch/node request handler. It does not listen: main.ts and tests do. */
export function createApp({ config, logger, upstream, graphiql, ready }: AppOptions): App {
  return createYoga<Record<string, unknown>, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    context: createContextFactory({ config, logger, client: upstream }),
    // GraphiQL is served from the installed package: nothing loads from a CDN.
    graphiql: config.graphiql ? { title: 'partner-graph', shouldPersistHeaders: false, ...graphiql } : false,
    renderGraphiQL,
    landingPage: false,
    // Our own exact /health and /ready (use-health); yoga's matches any URL ending in /health.
    healthCheckEndpoint: '/.yoga-health',
    // use-error-policy does the masking with the request's logger; this is the net behind it.
    maskedErrors: { maskError: maskUnexpected },
    logging: {
      debug: (...args) => logger.debug({ yoga: args.map(String) }, 'yoga'),
      info: (...args) => logger.info({ yoga: args.map(String) }, 'yoga'),
      warn: (...args) => logger.warn({ yoga: args.map(String) }, 'yoga'),
      error: (...args) => logger.error({ yoga: args.map(String) }, 'yoga'),
    },
    plugins: [
      useHealth({ ...(ready ? { ready } : {}) }),
      useRequestState(logger),
      useAuthentication(),
      useErrorPolicy(logger),
    ],
  });
}

/** GraphQL errors about the request, and coded errors, pass; anything else is masked. */
function maskUnexpected(error: unknown): Error {
  if (error instanceof GraphQLError && (!error.originalError || error.originalError instanceof GraphQLError)) return error;
  return new AppError(ErrorCode.INTERNAL_SERVER_ERROR, 'Unexpected error.');
}
