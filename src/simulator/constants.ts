/**
 * Fixed identities of the simulated world. Tests and the gateway's tests import these, so they never change with the seed.
 */

/** Partner tenant that every bearer token acts as unless `tokens` maps it elsewhere. */
export const DEFAULT_PARTNER_ID = '4d2f8a61-7c3e-4b9a-9e15-2a6c0b7d3f18';
/** A second partner; owns FOREIGN_CUSTOMER_ID only. */
export const OTHER_PARTNER_ID = '9b7e1c52-3f4a-4d68-8c21-5e0f6a9d2b74';

/** Customer of seed page 004 (orders filtered by billing cycle); holds its two one_time orders verbatim. */
export const SEED_004_CUSTOMER_ID = 'b0d70a69-4c42-4b27-b17b-91a835d8686a';
/** Customer of seed page 000; replaces its `<customer-tenant-id>` placeholder. Holds its two quirky orders verbatim. */
export const SEED_000_CUSTOMER_ID = '0c5e7a1d-2b3f-4e69-8a47-d1f0b2c3e4a5';
/** Customer whose orders show real-world messiness (odd enum spellings, unparseable dates, missing fields). */
export const QUIRKS_CUSTOMER_ID = '7f3a9c1e-5b2d-4a8f-b6e0-3d9c2a1f8e47';
/** Customer with exactly BIG_CUSTOMER_ORDER_COUNT orders (generated lazily on first use). */
export const BIG_CUSTOMER_ID = 'e2b4d6f8-1a3c-4e5f-9b7d-0c2e4a6b8d91';
export const BIG_CUSTOMER_ORDER_COUNT = 2000;
/** Exists, but belongs to OTHER_PARTNER_ID: the default partner gets 403 20002 for it. */
export const FOREIGN_CUSTOMER_ID = '5a8c1e3f-7b9d-4f2a-8c6e-1d3f5b7a9c02';
/**
 * Customer holding the one order that is fetchable by id at once but missing from order lists for
 * DELAYED_ORDER_LIST_DELAY_MS after the simulator starts (API-FACTS 3.3). Kept on its own customer so it
 * disturbs no other test.
 */
export const DELAYED_CUSTOMER_ID = '3e6b9d2f-8a1c-4c7e-a5b3-6f9d2e8c1a74';
export const DELAYED_ORDER_ID = '9a8b7c6d5e4f';
export const DELAYED_ORDER_LIST_DELAY_MS = 15 * 60 * 1000;

/** Quirks customer: an order whose prices expose float loss if summed as floats (totalPrice 30.3), with activation links. */
export const BILLING_ORDER_ID = 'f00d5f607182';
/** Quirks customer: an order whose only line is a catalog item answering 400072 in an HTTP 200. */
export const UNAVAILABLE_ITEM_ORDER_ID = 'f00d607182a3';
/** The catalog product (and its SKU 0003) that answers 400072 "This item isn't available" with HTTP 200. */
export const UNAVAILABLE_PRODUCT_ID = 'DZH318Z0BXWC';
/** Quirks customer's system purchases: listed only with include_system_purchases=true. */
export const SYSTEM_PURCHASE_ORDER_ID = 'f00d708192b4';
export const SYSTEM_BILLING_ORDER_ID = 'f00d8192a3c5';

/** Seed 004 orders (both one_time). */
export const SEED_004_ORDER_IDS = ['9qg-ErcO-4MPbPqq_3MIQaS7bn8W6HfG1', 's-BZlr_TeGksPNT61SsWRL-sqMaKbyVa1'] as const;
/** Seed 000 orders (no billingCycle, status "none"). */
export const SEED_000_ORDER_IDS = ['d6595733-265f-4918-a62e-026e64bc8384', 'b8fe2ddb-6e85-4f8b-a5ba-06c20ce6d6c5'] as const;

/** Realm id used in WWW-Authenticate on 401 (the real service puts a cpid there). */
export const AUTH_REALM_ID = 'a1b2c3d4-0000-4000-8000-00000000c0de';
