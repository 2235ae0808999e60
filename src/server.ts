import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { App } from './app.js';
import type { Logger } from './logger.js';

export interface RunningServer {
  readonly server: Server;
  /** e.g. http://127.0.0.1:4000 */
  readonly url: string;
  /**
   * Stops accepting connections and lets in-flight requests finish; after `graceMs` the rest are
   * cut. Resolves when the server is closed.
   */
  close(graceMs?: number): Promise<void>;
}

export interface ListenOptions {
  app: App;
  port: number;
  host: string;
  logger: Logger;
}

export async function listen({ app, port, host, logger }: ListenOptions): Promise<RunningServer> {
  const server = createServer(app);
  // Slow-loris protection, and keep-alive longer than typical load balancer idle timeouts (60 s).
  server.requestTimeout = 60_000;
  server.headersTimeout = 20_000;
  server.keepAliveTimeout = 65_000;
  server.on('clientError', (error, socket) => {
    logger.debug({ err: error }, 'client error');
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    server,
    url: `http://${shownHost === '0.0.0.0' || shownHost === '[::]' ? 'localhost' : shownHost}:${address.port}`,
    close: (graceMs = 10_000) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(() => server.closeAllConnections(), graceMs);
        timer.unref();
        // close() only closes the keep-alive connections idle right now; the ones still serving a
        // request go idle later and would hold the drain open until the grace period ends.
        const sweep = setInterval(() => server.closeIdleConnections(), 25);
        sweep.unref();
        server.close(() => {
          clearTimeout(timer);
          clearInterval(sweep);
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
}
