import type { Plugin } from 'graphql-yoga';

/** What yoga's onRequest hands a plugin: the request as it arrives, and endResponse to answer it there. */
export type RequestPayload = Parameters<NonNullable<Plugin['onRequest']>>[0];

/** A path the gateway answers itself, beside GraphQL: a cheap match on method, path and headers, then the answer. */
export interface Route {
  matches(request: Request, url: URL): boolean;
  /** Answers with endResponse; async only when it must wait. */
  answer(payload: RequestPayload): void | Promise<void>;
}

export interface Routes {
  /** Answered before the request is opened, so they cost nothing else (health probes). */
  readonly probes: readonly (Route | false | undefined)[];
  /** Opens the request (use-request-state): every request that is not a probe. */
  readonly open: (payload: RequestPayload) => void;
  /** Answered once the request is opened, first match wins (their paths do not overlap). */
  readonly routes: readonly (Route | false | undefined)[];
}

/**
 * The route table in one onRequest hook: each hook of a yoga phase costs a payload and a step of its promise
 * machinery per request, and a GraphQL request matches none of these routes. Each route stays in its module.
 */
export function useRoutes({ probes, open, routes }: Routes): Plugin {
  const before = probes.filter((route): route is Route => typeof route === 'object');
  const after = routes.filter((route): route is Route => typeof route === 'object');
  return {
    onRequest(payload) {
      const { request, url } = payload;
      for (const route of before) if (route.matches(request, url)) return route.answer(payload);
      open(payload);
      for (const route of after) if (route.matches(request, url)) return route.answer(payload);
      return undefined;
    },
  };
}
