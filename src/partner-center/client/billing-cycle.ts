/**
 * BillingCycleType (API-FACTS section 4): one enum, three spellings. The JSON body says `one_time`,
 * the .NET SDK queries `OneTime`, the docs query `onetime`; old Java clients sent `ONE_TIME`.
 */

export const BILLING_CYCLES = ['monthly', 'annual', 'none', 'one_time', 'triennial', 'biennial', 'unknown'] as const;
export type BillingCycle = (typeof BILLING_CYCLES)[number];

const BY_FOLDED: ReadonlyMap<string, BillingCycle> = new Map(BILLING_CYCLES.map((cycle) => [fold(cycle), cycle]));

/** The .NET SDK's `ToString()` form, which is what the gateway sends as `billingType`. */
const QUERY_VALUE: Record<Exclude<BillingCycle, 'unknown'>, string> = {
  monthly: 'Monthly',
  annual: 'Annual',
  none: 'None',
  one_time: 'OneTime',
  triennial: 'Triennial',
  biennial: 'Biennial',
};

function fold(value: string): string {
  return value.toLowerCase().replaceAll('_', '');
}

/**
 * Reads an order's `billingCycle` as sent on the wire. Missing → null; a string we do not know
 * (a cycle added after this code) → 'unknown', so one new value never fails a whole response.
 */
export function parseBillingCycle(raw: unknown): BillingCycle | null {
  if (raw === undefined || raw === null) return null;
  if (typeof raw !== 'string') return 'unknown';
  return BY_FOLDED.get(fold(raw.trim())) ?? 'unknown';
}

/**
 * The `billingType` query value for a cycle, or undefined where the server's behaviour is
 * unconfirmed (`Unknown`): the gateway then lists all orders and filters itself.
 */
export function billingTypeQueryValue(cycle: BillingCycle): string | undefined {
  return cycle === 'unknown' ? undefined : QUERY_VALUE[cycle];
}

/**
 * Whether an order (by its raw `billingCycle`) belongs in a list filtered by `cycle`. Orders whose
 * cycle is missing or not recognised count as 'unknown'.
 */
export function matchesBillingCycle(raw: unknown, cycle: BillingCycle): boolean {
  return (parseBillingCycle(raw) ?? 'unknown') === cycle;
}
