import { AppError, ErrorCode } from '../errors.js';
import { builder } from './builder.js';
import { DecimalScalar, toDecimalString } from './decimal.js';

export interface MoneyValue {
  readonly amount: string;
  readonly currency: string | null;
}

export const MoneyType = builder.objectRef<MoneyValue>('PartnerCenterMoney').implement({
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
