/**
 * Preloaded into the gateway by the bench (`node --import ./bench/probe.mjs dist/main.js`), so src/ stays
 * untouched. It reports two things the gateway does not expose:
 * - the port it bound: with LOG_LEVEL=warn the gateway's own "listening" line is not written, and the bench
 *   still wants PORT=0 (no port chosen up front, so no race with other processes);
 * - event-loop delay (perf_hooks): SIGUSR2 writes the max/p99 since the last SIGUSR2 to BENCH_PROBE_OUT and
 *   starts over, so start-up and warm-up do not count; exit writes once more;
 * - beside it, the longest garbage-collection pause and the largest process.memoryUsage() figures (sampled every
 *   250 ms), to tell a long block or a high RSS apart: code, V8's heap, or buffers outside it.
 */
import { writeFileSync } from 'node:fs';
import net from 'node:net';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';

const out = process.env.BENCH_PROBE_OUT;
const histogram = monitorEventLoopDelay({ resolution: 5 });
histogram.enable();
let seq = 0;
let gcMaxMs = 0;
let gcKind = '';
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (entry.duration > gcMaxMs) {
      gcMaxMs = entry.duration;
      gcKind = { 1: 'scavenge', 2: 'minor mark-sweep', 4: 'mark-sweep-compact', 8: 'incremental', 16: 'weak callbacks' }[entry.detail?.kind] ?? String(entry.detail?.kind);
    }
  }
}).observe({ entryTypes: ['gc'] });
const memory = { rss: 0, heapTotal: 0, heapUsed: 0, external: 0, arrayBuffers: 0 };
function sampleMemory() {
  const now = process.memoryUsage();
  for (const key of Object.keys(memory)) memory[key] = Math.max(memory[key], now[key]);
}
setInterval(sampleMemory, 250).unref();

function report() {
  seq += 1;
  const ms = (ns) => Math.round(ns / 1e4) / 100;
  sampleMemory();
  const mb = Object.fromEntries(Object.entries(memory).map(([key, bytes]) => [key, Math.round(bytes / 1e6)]));
  const line = JSON.stringify({
    seq, maxMs: ms(histogram.max), p99Ms: ms(histogram.percentile(99)), meanMs: ms(histogram.mean),
    gcMaxMs: Math.round(gcMaxMs * 100) / 100, gcKind, memoryMB: mb,
  });
  if (out) writeFileSync(out, `${line}\n`);
  else process.stderr.write(`bench-probe ${line}\n`);
  histogram.reset();
  gcMaxMs = 0;
  for (const key of Object.keys(memory)) memory[key] = 0;
}

process.on('SIGUSR2', report);
process.on('exit', report);

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  this.once('listening', () => {
    const address = this.address();
    if (address && typeof address === 'object') process.stderr.write(`bench-probe listening ${address.port}\n`);
  });
  return listen.apply(this, args);
};
