/**
 * BillingCycleType parsing (API-FACTS 4). The service's exact rule is unconfirmed; official clients send
 * `OneTime`, `onetime`, `ONE_TIME` and `one_time`, so: lower-case, strip `_`, then match the known members.
 */
import type { Order } from './types.js';

/** JSON values of BillingCycleType that orders carry (Unknown is the enum's default member). */
export const BILLING_CYCLES = ['monthly', 'annual', 'none', 'one_time', 'triennial', 'biennial'] as const;
export type BillingCycle = (typeof BILLING_CYCLES)[number] | 'unknown';

const BY_NORMALIZED: Readonly<Record<string, BillingCycle>> = {
  monthly: 'monthly',
  annual: 'annual',
  none: 'none',
  onetime: 'one_time',
  triennial: 'triennial',
  biennial: 'biennial',
  unknown: 'unknown',
};

/** Maps any spelling to the JSON value, or undefined when it is not a member. */
export function normalizeBillingCycle(raw: string): BillingCycle | undefined {
  return BY_NORMALIZED[raw.toLowerCase().replaceAll('_', '')];
}

export type BillingTypeQuery = { ok: true; cycle: BillingCycle | undefined } | { ok: false; value: string };

/** Reads `?billingType=`: missing or empty means no filter; a non-member is an error (400 900126). */
export function parseBillingType(raw: string | null | undefined): BillingTypeQuery {
  if (raw === null || raw === undefined || raw === '') return { ok: true, cycle: undefined };
  const cycle = normalizeBillingCycle(raw);
  return cycle === undefined ? { ok: false, value: raw } : { ok: true, cycle };
}

/**
 * An order's own cycle, read as leniently as the query: absent or unrecognised strings (e.g. "quarterly")
 * count as `unknown`, like the SDK's enum converter, which maps unknown strings to member 0.
 */
export function orderBillingCycle(order: Pick<Order, 'billingCycle'>): BillingCycle {
  if (order.billingCycle === undefined) return 'unknown';
  return normalizeBillingCycle(order.billingCycle) ?? 'unknown';
}

export function orderMatchesBillingType(order: Pick<Order, 'billingCycle'>, cycle: BillingCycle | undefined): boolean {
  return cycle === undefined || orderBillingCycle(order) === cycle;
}
