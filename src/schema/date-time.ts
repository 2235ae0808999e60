import { AppError, ErrorCode } from '../errors.js';
import { builder } from './builder.js';

/**
 * RFC 3339 date-time with an explicit offset. Partner Center sends 7 fractional digits (.NET ticks)
 * and either `Z` or an offset; the gateway passes the value through unchanged so no precision or
 * offset is lost.
 */
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/i;

/** The value as a canonical RFC 3339 string, or undefined if it is not one. */
export function normalizeDateTime(value: string): string | undefined {
  // Real responses carry stray spaces ("2015-10-08T10: 42: 36.54-07: 00", seed 000): they can go.
  const compact = value.replace(/\s+/g, '');
  const match = RFC3339.exec(compact);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth) return undefined;
  if (hour > 23 || minute > 59 || second > 60) return undefined;
  const zone = (match[8] ?? '').toUpperCase();
  if (zone !== 'Z' && (Number(zone.slice(1, 3)) > 23 || Number(zone.slice(4, 6)) > 59)) return undefined;
  return zone === 'Z' ? `${compact.slice(0, -1)}Z` : compact;
}

export const DateTimeScalar = builder.scalarType('DateTime', {
  description:
    'A date and time in RFC 3339 form with an offset, as Partner Center sent it (up to 7 fractional digits), e.g. `2018-03-15T02:17:15.6455674Z`.',
  serialize: (value) => {
    const normalized = typeof value === 'string' ? normalizeDateTime(value) : undefined;
    if (normalized === undefined) throw new TypeError('DateTime cannot represent this value');
    return normalized;
  },
  parseValue: (value) => {
    const normalized = typeof value === 'string' ? normalizeDateTime(value) : undefined;
    if (normalized === undefined) throw new AppError(ErrorCode.BAD_USER_INPUT, 'Expected an RFC 3339 date-time with an offset.');
    return normalized;
  },
});

/**
 * A date field from an upstream resource: null when absent; an UPSTREAM_ERROR (nulling only this
 * field) when present but unreadable, so one bad date never fails its order.
 */
export function readDateTime(raw: unknown, field: string): string | null {
  if (raw === undefined || raw === null) return null;
  const normalized = typeof raw === 'string' ? normalizeDateTime(raw) : undefined;
  if (normalized === undefined) {
    throw new AppError(ErrorCode.UPSTREAM_ERROR, `Partner Center sent a ${field} that is not a date-time.`, {
      field,
      upstream: { value: typeof raw === 'string' ? raw.slice(0, 64) : typeof raw },
    });
  }
  return normalized;
}
