/** Serving a request listener on a port, with a close() that never waits on hung or keep-alive connections. */
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ListeningSimulator {
  /** http://HOST:PORT, no trailing slash. */
  url: string;
  close(): Promise<void>;
}

/** URL host for a listen address: wildcard addresses are reachable via loopback; IPv6 needs brackets. */
function urlHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

export async function serve(handler: RequestListener, port: number, host: string): Promise<ListeningSimulator> {
  const server = createServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port: actual } = server.address() as AddressInfo;
  return {
    url: `http://${urlHost(host)}:${actual}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve()); // also resolves when already closed (the callback then gets an error)
        server.closeAllConnections(); // hung and keep-alive sockets would otherwise hold close() open
      }),
  };
}
