import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { GraphiQLOptions } from 'graphql-yoga';

/** The encodings the page is stored in; `identity` is the page itself. */
export type PageEncoding = 'br' | 'gzip' | 'identity';

/** GraphiQL as three immutable buffers, each written as is to every browser that asks for it. */
export interface GraphiQLPage {
  readonly bodies: Readonly<Record<PageEncoding, Buffer<ArrayBuffer>>>;
  /** A strong validator of the page's bytes (the same for every encoding; the plugin suffixes the encoding). */
  readonly hash: string;
  /** Wall time of the build, ms. */
  readonly buildMs: number;
}

export type GraphiQLPageOptions = Pick<GraphiQLOptions, 'title' | 'defaultQuery' | 'headers' | 'shouldPersistHeaders'>;

/*
 * Runs in a worker thread, so the bundle is parsed, rendered and compressed off the event loop and its heap
 * goes away with the worker. Plain CommonJS: it must run the same under tsx, vitest and dist. Brotli 6 and
 * gzip 6: close to the best ratio of their top levels (brotli 11 would take seconds of CPU).
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const zlib = require('node:zlib');
const { promisify } = require('node:util');
const { renderGraphiQL } = require(workerData.renderer);
const own = (buffer) => buffer.byteOffset === 0 && buffer.byteLength === buffer.buffer.byteLength
  ? buffer.buffer : buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength);
const identity = Buffer.from(renderGraphiQL(workerData.options), 'utf8');
const hash = createHash('sha256').update(identity).digest('base64url').slice(0, 32);
Promise.all([
  promisify(zlib.brotliCompress)(identity, { params: {
    [zlib.constants.BROTLI_PARAM_QUALITY]: 6,
    [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
    [zlib.constants.BROTLI_PARAM_SIZE_HINT]: identity.length,
  } }),
  promisify(zlib.gzip)(identity, { level: 6 }),
]).then(([br, gzip]) => {
  const bodies = { identity: own(identity), br: own(br), gzip: own(gzip) };
  parentPort.postMessage({ hash, bodies }, Object.values(bodies));
});
`;

/** Renders GraphiQL once with these options and compresses it, in a worker thread. */
export function buildGraphiQLPage(options: GraphiQLPageOptions): Promise<GraphiQLPage> {
  const startedAt = performance.now();
  const renderer = createRequire(import.meta.url).resolve('@graphql-yoga/render-graphiql');
  return new Promise((resolve, reject) => {
    // No execArgv: the worker runs plain CommonJS and needs none of the process's loaders (tsx).
    const worker = new Worker(WORKER, { eval: true, execArgv: [], workerData: { renderer, options } });
    worker.once('message', (message: { hash: string; bodies: Record<PageEncoding, ArrayBuffer> }) => {
      const buffer = (encoding: PageEncoding) => Buffer.from(message.bodies[encoding]);
      resolve({
        hash: message.hash,
        bodies: Object.freeze({ br: buffer('br'), gzip: buffer('gzip'), identity: buffer('identity') }),
        buildMs: Math.round(performance.now() - startedAt),
      });
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the GraphiQL page worker exited with ${code} before answering`)));
  });
}
