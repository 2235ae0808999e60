import { AppError, ErrorCode } from '../errors.js';
import { builder } from './builder.js';

/** A plain decimal: optional minus, digits, optional fraction. No exponent, no grouping. */
const DECIMAL = /^-?\d{1,30}(?:\.\d{1,20})?$/;

/**
 * A JSON number or decimal string as a plain decimal string. A number is written in its shortest round-trip
 * form, which for any decimal of up to 15 significant digits (every price Partner Center sends) is exactly the
 * decimal it was parsed from: `0.1 + 0.2` never happens here because amounts are never added, only passed on.
 */
export function toDecimalString(value: unknown): string | undefined {
  if (typeof value === 'string') return DECIMAL.test(value.trim()) ? value.trim() : undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
  const text = String(value);
  if (!/e/i.test(text)) return text;
  // Very small or very large: toFixed/BigInt spell it out without an exponent.
  return Math.abs(value) < 1 ? value.toFixed(20).replace(/0+$/, '').replace(/\.$/, '') : BigInt(Math.round(value)).toString();
}

export const DecimalScalar = builder.scalarType('Decimal', {
  description:
    'An exact decimal number as a string, e.g. `"29967.75"`: never a float, so no cent is ever lost. Written as Partner Center sent it (no exponent, no trailing zeros added).',
  serialize: (value) => {
    const decimal = toDecimalString(value);
    if (decimal === undefined) throw new TypeError('Decimal cannot represent this value');
    return decimal;
  },
  parseValue: (value) => {
    const decimal = typeof value === 'string' ? toDecimalString(value) : undefined;
    if (decimal === undefined) throw new AppError(ErrorCode.BAD_USER_INPUT, 'Expected a decimal string such as "12.50".');
    return decimal;
  },
});

export interface MoneyValue {
  readonly amount: string;
  readonly currency: string | null;
}

export const MoneyType = builder.objectRef<MoneyValue>('Money').implement({
  description: 'An amount of money: an exact decimal and its currency.',
  fields: (t) => ({
    amount: t.field({ type: DecimalScalar, nullable: false, description: 'The amount, exact (a decimal string), pre-tax as Partner Center gives prices.', resolve: (m) => m.amount }),
    currency: t.string({
      description: 'ISO-4217 code of the order it belongs to (`Order.currencyCode`): Partner Center prices an order in one currency. Null when the order has none.',
      resolve: (m) => m.currency,
    }),
  }),
});

/**
 * Money from an upstream amount: null when Partner Center left it out; an UPSTREAM_ERROR (nulling only this
 * field) when it sent something that is not a number.
 */
export function readMoney(raw: unknown, currency: unknown, field: string): MoneyValue | null {
  if (raw === undefined || raw === null) return null;
  const amount = toDecimalString(raw);
  if (amount === undefined) {
    throw new AppError(ErrorCode.UPSTREAM_ERROR, `Partner Center sent a ${field} that is not an amount.`, {
      field,
      upstream: { value: typeof raw === 'string' ? raw.slice(0, 64) : typeof raw },
    });
  }
  return { amount, currency: typeof currency === 'string' && currency !== '' ? currency : null };
}
