import type { Route } from './use-routes.js';

export interface HealthOptions {
  /** False while the instance is draining (shutdown). Default: never draining. */
  ready?: () => boolean;
  /** False while Partner Center is known to be failing (circuit breaker open). Default: always healthy. */
  upstreamHealthy?: () => boolean;
}

/**
 * `GET /health`: the process is alive. `GET /ready`: it should receive traffic, i.e. it is not
 * draining and Partner Center is not known to be failing. Exact paths only, JSON bodies, never
 * cached: for orchestrators and load balancers. A use-routes probe.
 */
export function healthRoute(options: HealthOptions = {}): Route {
  return {
    matches: (request, url) => (request.method === 'GET' || request.method === 'HEAD') && (url.pathname === '/health' || url.pathname === '/ready'),
    answer({ url, endResponse, fetchAPI }) {
      const respond = (status: number, body: object) =>
        endResponse(
          new fetchAPI.Response(JSON.stringify(body), {
            status,
            headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
          }),
        );
      if (url.pathname === '/health') return respond(200, { status: 'ok' });
      const serving = options.ready?.() ?? true;
      const upstream = options.upstreamHealthy?.() ?? true;
      const ready = serving && upstream;
      respond(ready ? 200 : 503, {
        status: ready ? 'ready' : 'not ready',
        draining: !serving,
        upstream: upstream ? 'ok' : 'failing',
      });
    },
  };
}
