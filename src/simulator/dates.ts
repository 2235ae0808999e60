/** Date helpers. Generated dates come from the PRNG inside a fixed window, never from the clock (determinism). */
import type { Rng } from './prng.js';

const WINDOW_START = Date.UTC(2019, 0, 1);
const WINDOW_END = Date.UTC(2024, 11, 31);
const OFFSETS = [-480, -420, 60, 330] as const;

function pad(n: number, width = 2): string {
  return String(Math.abs(n)).padStart(width, '0');
}

export function randomInstant(rng: Rng): number {
  return WINDOW_START + Math.floor(rng.float() * (WINDOW_END - WINDOW_START));
}

/**
 * Both forms the docs show: `2018-03-15T02:17:15.6455674Z` (7 fraction digits, UTC) and
 * `2018-03-06T17:37:05.253-08:00` (milliseconds, local time with offset).
 */
export function formatCreationDate(rng: Rng, instant: number): string {
  if (rng.chance(0.7)) {
    return new Date(instant).toISOString().replace('Z', `${rng.int(0, 9999).toString().padStart(4, '0')}Z`);
  }
  const offset = rng.pick(OFFSETS);
  const local = new Date(instant + offset * 60_000).toISOString().slice(0, 23);
  const sign = offset < 0 ? '-' : '+';
  return `${local}${sign}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`;
}

/** Midnight UTC of the given instant, in the subscription style `2019-01-04T00:00:00Z`. */
export function dayStart(instant: number): string {
  return `${new Date(instant).toISOString().slice(0, 10)}T00:00:00Z`;
}

/** Adds an ISO-8601 duration of whole months/years (P1M, P1Y, P3Y) minus one day, the way commitments end. */
export function commitmentEnd(instant: number, termDuration: string | undefined): number {
  const match = /^P(\d+)([MY])$/.exec(termDuration ?? '');
  const months = match ? Number(match[1]) * (match[2] === 'Y' ? 12 : 1) : 1;
  const d = new Date(instant);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.getTime() - 86_400_000;
}

/** Parses an order creationDate; the seed and quirk dates may be unparseable, so callers need a fallback. */
export function parseInstant(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}
