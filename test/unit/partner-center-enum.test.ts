import { describe, expect, it } from 'vitest';
import { parseOrderTransactionType, parseRelationship } from '../../src/schema/enums.js';
import { readBillingProvider, readDocumentType } from '../../src/schema/invoice-enums.js';

describe('partnerCenterEnum: one list of values gives the enum and its reader', () => {
  it('snake enums fold case and underscores only', () => {
    expect(['UserPurchase', ' user_purchase ', 'SYSTEM_BILLING', 'user purchase', 'brand_new', 42, null, undefined].map(parseOrderTransactionType))
      .toEqual(['user_purchase', 'user_purchase', 'system_billing', 'unknown', 'unknown', 'unknown', null, null]);
    expect(parseRelationship('MicrosoftSupport')).toBe('microsoft_support');
  });

  it('loose enums also fold spaces and hyphens', () => {
    expect(['Credit Note', 'credit_note', 'void-note', 'refund', null].map(readDocumentType)).toEqual(['creditnote', 'creditnote', 'voidnote', 'unknown', null]);
    expect(['one_time', 'OneTime', 'AzureDataMarket', 'azure_data_market'].map(readBillingProvider)).toEqual(['onetime', 'onetime', 'azure_data_market', 'azure_data_market']);
  });
});
