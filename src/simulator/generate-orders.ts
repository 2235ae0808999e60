/** Random but seeded orders for generated customers, the foreign customer and the big customer (API-FACTS 3). */
import type { BillingCycle } from './billing-cycle.js';
import { formatCreationDate, randomInstant } from './dates.js';
import type { Locale } from './names.js';
import { legacyOffersFor, nceOffersFor, offerName, type Offer } from './offers.js';
import { buildOrder, type LineSpec } from './order-builder.js';
import type { Rng } from './prng.js';
import type { Order } from './types.js';

export interface OrderOwner {
  customerId: string;
  locale: Locale;
}

type IdFamily = 'legacy' | 'one-time' | 'nce';

const CYCLE_WEIGHTS: readonly (readonly [BillingCycle, number])[] = [
  ['monthly', 5], ['annual', 4], ['none', 1], ['one_time', 2], ['triennial', 1], ['biennial', 1],
];

function familyFor(rng: Rng, cycle: BillingCycle): IdFamily {
  if (cycle === 'one_time') return rng.chance(0.75) ? 'one-time' : 'nce';
  if (cycle === 'triennial' || cycle === 'biennial') return 'nce';
  return rng.chance(0.5) ? 'legacy' : 'nce';
}

/** Order ids in the three formats of API-FACTS 3.1: GUID, 33-char base64url-like, 12 hex (= alternateId). */
function orderId(rng: Rng, family: IdFamily): string {
  if (family === 'legacy') return rng.guid();
  return family === 'one-time' ? rng.base64url(33) : rng.hex(12);
}

function termFor(rng: Rng, offer: Offer, cycle: BillingCycle): string | undefined {
  if (offer.kind === 'legacy') {
    if (cycle === 'none' || rng.chance(0.5)) return undefined;
    return cycle === 'annual' ? 'P1Y' : 'P1M';
  }
  const { sku } = offer;
  if (sku.kind === 'software') return undefined;
  if (sku.kind === 'reservation' || sku.kind === 'trial') return sku.terms[0];
  if (cycle === 'monthly') return rng.chance(0.65) ? 'P1M' : 'P1Y';
  return cycle === 'annual' ? 'P1Y' : 'P3Y';
}

function quantityFor(rng: Rng, offer: Offer): number {
  if (offer.kind === 'nce' && offer.sku.kind === 'reservation') return rng.int(1, 5);
  if (offer.kind === 'nce' && offer.sku.kind === 'software') return rng.int(1, 20);
  return rng.chance(0.8) ? rng.int(1, 25) : rng.int(26, 300);
}

function friendlyNameFor(rng: Rng, offer: Offer): string | undefined {
  if (!rng.chance(0.8)) return undefined;
  const name = offerName(offer);
  // Reservations carry the underscore style seen in seed 004.
  if (offer.kind === 'nce' && offer.sku.kind === 'reservation') return name.replace(/[ ,]+/g, '_');
  return rng.chance(0.3) ? `${name} - ${rng.pick(['Sales', 'HQ', 'Finance', 'Contractors'])}` : name;
}

function lineFor(rng: Rng, offer: Offer, cycle: BillingCycle): LineSpec {
  const termDuration = termFor(rng, offer, cycle);
  const isLicence = offer.kind === 'nce' && offer.sku.kind === 'license';
  return {
    offer,
    subscriptionId: rng.chance(0.85) ? rng.guid() : undefined,
    friendlyName: friendlyNameFor(rng, offer),
    quantity: quantityFor(rng, offer),
    termDuration,
    transactionType: rng.chance(0.75) ? 'New' : 'Renew',
    partnerIdOnRecord: rng.chance(0.2) ? rng.digits(7) : undefined,
    renewsTo: isLicence && termDuration === 'P1Y' && rng.chance(0.3) ? 'P1Y' : undefined,
    productLink: offer.kind === 'nce' && rng.chance(0.4),
  };
}

function userPurchase(rng: Rng): 'UserPurchase' {
  rng.weighted([['UserPurchase', 7], ['SystemPurchase', 2], ['SystemBilling', 1]] as const);
  return 'UserPurchase';
}

export function generateOrder(rng: Rng, owner: OrderOwner, cycle: BillingCycle): Order {
  const family = familyFor(rng, cycle);
  const pool = family === 'legacy' ? legacyOffersFor(cycle) : nceOffersFor(cycle);
  const id = orderId(rng, family);
  const lineCount = rng.weighted([[1, 5], [2, 3], [3, 1], [4, 1]] as const);
  const lines = Array.from({ length: lineCount }, () => lineFor(rng, rng.pick(pool), cycle));
  const status = rng.weighted([['completed', 7], ['pending', 2], ['cancelled', 1]] as const);
  const hasCurrency = rng.chance(0.9);
  const hasSymbol = hasCurrency && rng.chance(0.75);
  return buildOrder({
    id,
    alternateId: family === 'nce' ? id : undefined,
    customerId: owner.customerId,
    billingCycle: cycle,
    currencyCode: hasCurrency ? owner.locale.currencyCode : undefined,
    currencySymbol: hasSymbol ? owner.locale.currencySymbol : undefined,
    lines,
    creationDate: formatCreationDate(rng, randomInstant(rng)),
    status,
    // Drawn as before so every later draw (and so the data set) stays the same; system purchases are listed
    // only with include_system_purchases=true, so generated orders are all user purchases (fixed-orders.ts has them).
    transactionType: userPurchase(rng),
    etag: rng.chance(0.4),
    client: family === 'nce' && rng.chance(0.5),
    provisioningLink: status === 'pending' || family !== 'legacy',
    patchLink: family === 'nce',
  });
}

/** `firstCycle` pins the first order's cycle so that a small data set still covers every cycle. */
export function generateOrders(rng: Rng, owner: OrderOwner, count: number, firstCycle?: BillingCycle): Order[] {
  const orders: Order[] = [];
  for (let i = 0; i < count; i++) {
    const cycle = i === 0 && firstCycle ? firstCycle : rng.weighted(CYCLE_WEIGHTS);
    orders.push(generateOrder(rng, owner, cycle));
  }
  return orders;
}
