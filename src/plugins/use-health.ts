import type { Plugin } from 'graphql-yoga';

export interface HealthOptions {
  /** Whether the instance should get traffic (false while starting or draining). Default: always. */
  ready?: () => boolean;
}

/**
 * `GET /health`: the process is alive. `GET /ready`: it should receive traffic. Exact paths only,
 * JSON bodies, never cached: for orchestrators and load balancers.
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
        const ready = options.ready?.() ?? true;
        respond(ready ? 200 : 503, { status: ready ? 'ready' : 'not ready' });
      }
    },
  };
}
