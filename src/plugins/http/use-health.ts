import type { Plugin } from 'graphql-yoga';

export interface HealthOptions {
  /** False while the instance is draining (shutdown). Default: never draining. */
  ready?: () => boolean;
  /** False while Partner Center is known to be failing (circuit breaker open). Default: always healthy. */
  upstreamHealthy?: () => boolean;
}

/**
 * `GET /health`: the process is alive. `GET /ready`: it should receive traffic, i.e. it is not
 * draining and Partner Center is not known to be failing. Exact paths only, JSON bodies, never
 * cached: for orchestrators and load balancers.
 */
export function useHealth(options: HealthOptions = {}): Plugin {
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return;
      const respond = (status: number, body: object) =>
        endResponse(
          new fetchAPI.Response(JSON.stringify(body), {
            status,
            headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
          }),
        );
      if (url.pathname === '/health') respond(200, { status: 'ok' });
      else if (url.pathname === '/ready') {
        const serving = options.ready?.() ?? true;
        const upstream = options.upstreamHealthy?.() ?? true;
        const ready = serving && upstream;
        respond(ready ? 200 : 503, {
          status: ready ? 'ready' : 'not ready',
          draining: !serving,
          upstream: upstream ? 'ok' : 'failing',
        });
      }
    },
  };
}
