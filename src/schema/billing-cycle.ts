import { BILLING_CYCLES, type BillingCycle } from '../partner-center/client/billing-cycle.js';
import { builder } from './builder.js';

/**
 * GraphQL names over the wire values: `ONE_TIME` is `one_time` in JSON and `OneTime` in the
 * `billingType` query (see partner-center/client/billing-cycle.ts for the parsing and the query form).
 */
const DESCRIPTIONS: Record<BillingCycle, string> = {
  monthly: 'Billed every month (JSON `monthly`).',
  annual: 'Billed every year (JSON `annual`).',
  none: 'No billing cycle, e.g. trials and some add-ons (JSON `none`).',
  one_time: 'Billed once, e.g. reservations and software (JSON `one_time`).',
  triennial: 'Billed every three years (JSON `triennial`).',
  biennial: 'Billed every two years (JSON `biennial`; seen in the .NET SDK only).',
  unknown: 'A cycle this gateway does not recognise. As a filter it matches orders whose cycle is missing or unrecognised.',
};

export const BillingCycleEnum = builder.enumType('PartnerCenterBillingCycle', {
  description: 'How often an order, subscription or SKU is billed.',
  values: Object.fromEntries(
    BILLING_CYCLES.map((cycle) => [cycle.toUpperCase(), { value: cycle, description: DESCRIPTIONS[cycle] }]),
  ) as Record<Uppercase<BillingCycle>, { value: BillingCycle; description: string }>,
});
