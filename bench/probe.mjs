/**
 * Preloaded into the gateway by the bench (`node --import ./bench/probe.mjs dist/main.js`), so src/ stays
 * untouched. It reports two things the gateway does not expose:
 * - the port it bound: with LOG_LEVEL=warn the gateway's own "listening" line is not written, and the bench
 *   still wants PORT=0 (no port chosen up front, so no race with other processes);
 * - event-loop delay (perf_hooks): SIGUSR2 writes the max/p99 since the last SIGUSR2 to BENCH_PROBE_OUT and
 *   starts over, so start-up and warm-up do not count; exit writes once more.
 */
import { writeFileSync } from 'node:fs';
import net from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const out = process.env.BENCH_PROBE_OUT;
const histogram = monitorEventLoopDelay({ resolution: 5 });
histogram.enable();
let seq = 0;

function report() {
  seq += 1;
  const ms = (ns) => Math.round(ns / 1e4) / 100;
  const line = JSON.stringify({ seq, maxMs: ms(histogram.max), p99Ms: ms(histogram.percentile(99)), meanMs: ms(histogram.mean) });
  if (out) writeFileSync(out, `${line}\n`);
  else process.stderr.write(`bench-probe ${line}\n`);
  histogram.reset();
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
