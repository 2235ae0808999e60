/**
 * The hand-written baseline: what the canonical and fan-out queries cost with no GraphQL at all. node:http
 * and undici, the same upstream calls and headers as the gateway (Authorization forwarded, the caller's or a
 * new MS-CorrelationId, a new MS-RequestId per call, MS-PartnerCenter-Application) and the same JSON out.
 * It knows exactly two operations (by operationName) and only the happy path; the bench checks once that
 * its answers equal the gateway's. Reads the gateway's variable names so `--env` tunes both alike.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { agent, execute } from './baseline-upstream.js';

const env = process.env;

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const authorization = req.headers.authorization ?? '';
  const header = req.headers['ms-correlationid'];
  const correlationId = typeof header === 'string' && header !== '' ? header : randomUUID();
  res.setHeader('ms-correlationid', correlationId);
  if (!authorization.startsWith('Bearer ')) return send(res, 401, { errors: [{ message: 'no token' }] });
  try {
    const data = await execute({ authorization, correlationId }, JSON.parse(Buffer.concat(chunks).toString('utf8')));
    send(res, 200, { data });
  } catch (error) {
    send(res, 502, { errors: [{ message: error instanceof Error ? error.message : String(error) }] });
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/graphql-response+json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

const server = createServer((req, res) => void handle(req, res).catch(() => res.destroy()));
// Keep-alive as the gateway's server.ts sets it, so connection reuse is alike.
server.keepAliveTimeout = 65_000;
server.listen(Number(env.PORT ?? 0), env.HOST ?? '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`baseline listening http://127.0.0.1:${port}/graphql\n`);
});
process.once('SIGTERM', () => {
  server.close(() => void agent.close().then(() => process.exit(0)));
  server.closeAllConnections();
});
