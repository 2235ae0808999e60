import { Server as NetServer, type Socket } from 'node:net';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { HttpExchange } from './http-exchange.js';

/** A request whose response is not finished yet. */
export interface OpenExchange {
  readonly res: ServerResponse;
  readonly exchange: HttpExchange;
}

/** What the drain does with what is left when the grace ends; server.ts answers and reports. */
export interface GraceEnd {
  /** A request with no response started: answer it (503 SHUTTING_DOWN, Connection: close). */
  cut(open: OpenExchange): void;
  /** A response already partly written: its socket is destroyed; say so. */
  truncated(open: OpenExchange): void;
  /** A socket whose next request had started arriving but was not read whole: answer it raw. */
  partial(socket: Socket): void;
}

export interface HttpDrain {
  /** Follows a request to the end of its response; while draining, the response closes its connection. */
  track(req: IncomingMessage, res: ServerResponse, exchange: HttpExchange): void;
  /** Whether part of a response has been written on the socket (a raw answer there would corrupt it). */
  responding(socket: Socket): boolean;
  /** From now on every response says `Connection: close` and Node closes its socket after it. */
  begin(): void;
  /** Stops accepting, closes sockets as they go quiet, and after `graceMs` hands what is left to `end`. */
  close(graceMs: number, end: GraceEnd): Promise<void>;
}

interface Connection {
  readonly open: Set<OpenExchange>;
  /** socket.bytesRead when its last response finished (0 for a new socket): more means a request is arriving. */
  idleBytes: number;
  /** socket.bytesRead when it was last seen to change, and how many sweeps have seen it unchanged since. */
  quiet: { bytes: number; sweeps: number } | undefined;
}

/**
 * A socket with no request in flight is closed once nothing has arrived on it over QUIET_SWEEPS sweeps, SWEEP_MS
 * apart: about a second, or more event-loop turns than a client in this very process (tests) needs to send its next
 * request when the loop is starved. A client that reuses its connection does so within that; closing an idle
 * connection always races a client that picks that very moment (HTTP/1.1 has no way to warn it).
 */
const SWEEP_MS = 25;
const QUIET_SWEEPS = 40;
/** How long answers written at the grace's end get to reach slow readers before every socket is destroyed. */
const FLUSH_MS = 1000;

/**
 * Graceful HTTP/1.1 shutdown that resets nothing in flight: keep-alive clients are told `Connection: close` on
 * their next response rather than having the socket closed under them; only sockets that stayed quiet are closed
 * (with a FIN, never a reset); what is still running at the grace's end gets an answer, not an empty reply.
 */
export function createHttpDrain(server: Server): HttpDrain {
  const connections = new Map<Socket, Connection>();
  let draining = false;
  const begin = () => {
    draining = true;
    for (const { open } of connections.values()) {
      for (const { res } of open) if (!res.headersSent) res.setHeader('connection', 'close');
    }
  };
  server.on('connection', (socket: Socket) => {
    connections.set(socket, { open: new Set(), idleBytes: 0, quiet: { bytes: 0, sweeps: 0 } });
    socket.once('close', () => connections.delete(socket));
  });

  const sweep = () => {
    for (const [socket, connection] of connections) {
      if (connection.open.size > 0 || socket.writableEnded) continue;
      const bytes = socket.bytesRead;
      const quiet = connection.quiet;
      if (!quiet || quiet.bytes !== bytes) {
        connection.quiet = { bytes, sweeps: 0 };
      } else if (++quiet.sweeps >= QUIET_SWEEPS) {
        socket.end();
      }
    }
  };

  return {
    track(req, res, exchange) {
      const socket = req.socket;
      const connection = connections.get(socket);
      if (draining) res.setHeader('connection', 'close');
      if (!connection) return;
      const open = { res, exchange };
      connection.open.add(open);
      connection.quiet = undefined;
      res.once('close', () => {
        connection.open.delete(open);
        if (connection.open.size > 0) return;
        connection.idleBytes = socket.bytesRead;
        connection.quiet = { bytes: connection.idleBytes, sweeps: 0 };
      });
    },
    responding(socket) {
      return [...(connections.get(socket)?.open ?? [])].some(({ res }) => res.headersSent);
    },
    begin,
    close(graceMs, end) {
      begin();
      return new Promise<void>((resolve) => {
        const sweeper = setInterval(sweep, SWEEP_MS);
        const grace = setTimeout(() => {
          clearInterval(sweeper);
          finish(connections, end);
          setTimeout(() => server.closeAllConnections(), FLUSH_MS).unref();
        }, graceMs);
        // http.Server#close() would also destroy every socket with no request in flight at once, resetting a
        // request the client sent just before: only the listener is closed here; the sweep closes quiet sockets.
        NetServer.prototype.close.call(server, () => {
          clearInterval(sweeper);
          clearTimeout(grace);
          resolve();
        });
        sweep();
      });
    },
  };
}

function finish(connections: Map<Socket, Connection>, end: GraceEnd): void {
  for (const [socket, connection] of connections) {
    if (connection.open.size === 0) {
      if (socket.bytesRead !== connection.idleBytes && socket.writable) end.partial(socket);
      else socket.destroy();
      continue;
    }
    for (const open of connection.open) {
      if (!open.res.headersSent) end.cut(open);
      else {
        end.truncated(open);
        socket.destroy();
      }
    }
  }
}
