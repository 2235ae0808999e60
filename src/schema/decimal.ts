import { AppError, ErrorCode } from '../errors.js';
import { builder } from './builder.js';

const PLAIN = /^-?\d+(\.\d+)?$/;

/**
 * A JSON number or decimal string as a plain decimal string, or undefined. Partner Center writes amounts as
 * JSON numbers with at most a few decimals; a double's shortest round-trip form (String(n)) is exactly the
 * decimal that was written, so no cent is lost. Exponent forms (1e-7, 1e21) are spelled out.
 */
export function toDecimalString(value: unknown): string | undefined {
  if (typeof value === 'string') {
    const trimmed = value.trim();
    return PLAIN.test(trimmed) ? trimmed : undefined;
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
  const text = String(value);
  if (!/e/i.test(text)) return text;
  const [mantissa = '', exponentText = '0'] = text.toLowerCase().split('e');
  const negative = mantissa.startsWith('-');
  const [whole = '', fraction = ''] = mantissa.replace('-', '').split('.');
  const digits = whole + fraction;
  const point = whole.length + Number(exponentText);
  const spelled =
    point <= 0 ? `0.${'0'.repeat(-point)}${digits}` : point >= digits.length ? digits + '0'.repeat(point - digits.length) : `${digits.slice(0, point)}.${digits.slice(point)}`;
  return (negative ? '-' : '') + spelled;
}

export const DecimalScalar = builder.scalarType('Decimal', {
  description:
    'An exact decimal amount as a string, e.g. `"24606.35"`: money is never passed through a binary float on the way to the client, so no cent is lost. Currency is given beside it.',
  serialize: (value) => {
    const decimal = toDecimalString(value);
    if (decimal === undefined) throw new TypeError('Decimal cannot represent this value');
    return decimal;
  },
  parseValue: (value) => {
    const decimal = typeof value === 'string' && PLAIN.test(value) ? value : undefined;
    if (decimal === undefined) throw new AppError(ErrorCode.BAD_USER_INPUT, 'Expected a decimal string such as "12.50".');
    return decimal;
  },
});

/** An amount field from an upstream resource: null when absent; UPSTREAM_ERROR (this field only) when unreadable. */
export function readDecimal(raw: unknown, field: string): string | null {
  if (raw === undefined || raw === null) return null;
  const decimal = toDecimalString(raw);
  if (decimal === undefined) {
    throw new AppError(ErrorCode.UPSTREAM_ERROR, `Partner Center sent a ${field} that is not a number.`, { field });
  }
  return decimal;
}
