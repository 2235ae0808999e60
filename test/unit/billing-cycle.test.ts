import { describe, expect, it } from 'vitest';
import { billingTypeQueryValue, matchesBillingCycle, parseBillingCycle } from '../../src/partner-center/client/billing-cycle.js';

describe('billing cycle spellings (API-FACTS section 4)', () => {
  it.each([
    ['one_time', 'one_time'],
    ['OneTime', 'one_time'],
    ['onetime', 'one_time'],
    ['ONE_TIME', 'one_time'],
    ['monthly', 'monthly'],
    ['Monthly', 'monthly'],
    ['annual', 'annual'],
    ['none', 'none'],
    ['triennial', 'triennial'],
    ['Biennial', 'biennial'],
    ['unknown', 'unknown'],
  ])('reads %s as %s', (raw, expected) => {
    expect(parseBillingCycle(raw)).toBe(expected);
  });

  it('reads a value it does not know as unknown, and a missing one as null', () => {
    expect(parseBillingCycle('quarterly')).toBe('unknown');
    expect(parseBillingCycle(42)).toBe('unknown');
    expect(parseBillingCycle(undefined)).toBeNull();
    expect(parseBillingCycle(null)).toBeNull();
  });

  it('sends the .NET SDK spelling and never Unknown', () => {
    expect(billingTypeQueryValue('one_time')).toBe('OneTime');
    expect(billingTypeQueryValue('monthly')).toBe('Monthly');
    expect(billingTypeQueryValue('none')).toBe('None');
    expect(billingTypeQueryValue('biennial')).toBe('Biennial');
    expect(billingTypeQueryValue('unknown')).toBeUndefined();
  });

  it('filters missing and unrecognised cycles under unknown only', () => {
    expect(matchesBillingCycle(undefined, 'unknown')).toBe(true);
    expect(matchesBillingCycle('quarterly', 'unknown')).toBe(true);
    expect(matchesBillingCycle('Monthly', 'monthly')).toBe(true);
    expect(matchesBillingCycle(undefined, 'none')).toBe(false);
  });
});
