/**
 * The simulated world, built deterministically from a seed: same seed and customerCount give identical data,
 * byte for byte. Customers are built eagerly (cheap); each customer's orders and subscriptions are built on first
 * use from a PRNG derived from (seed, customer id), so laziness never changes the result and creating a
 * simulator stays in the millisecond range even with the 2,000-order customer.
 */
import { BILLING_CYCLES } from './billing-cycle.js';
import { CATALOG, type CatalogProduct } from './catalog.js';
import {
  BIG_CUSTOMER_ID, BIG_CUSTOMER_ORDER_COUNT, DEFAULT_PARTNER_ID, DELAYED_CUSTOMER_ID, DELAYED_ORDER_ID,
  DELAYED_ORDER_LIST_DELAY_MS, FOREIGN_CUSTOMER_ID, OTHER_PARTNER_ID, QUIRKS_CUSTOMER_ID, SEED_000_CUSTOMER_ID,
  SEED_004_CUSTOMER_ID,
} from './constants.js';
import { customerJson, generateCustomerInfo, type CustomerInfo, type Naming } from './customers.js';
import { delayedCustomerOrders, quirksOrders, quirksSystemOrders, seed004ExtraOrders } from './fixed-orders.js';
import { generateOrders } from './generate-orders.js';
import { Rng, hash32 } from './prng.js';
import type { StatusCase } from './provisioning.js';
import { seed000Orders, seed004Orders } from './seed-orders.js';
import { deriveSubscriptions } from './subscriptions.js';
import type { Customer, Order, Subscription } from './types.js';

export interface CustomerRecord {
  readonly partnerId: string;
  readonly customer: Customer;
  /** Stored orders, pricing included; see orderJson() for what is served. The ones order lists serve by default. */
  readonly orders: readonly Order[];
  /** Orders of transactionType SystemPurchase/SystemBilling: listed only with include_system_purchases=true. */
  readonly systemOrders: readonly Order[];
  readonly subscriptions: readonly Subscription[];
  /** orderId → ms after the simulator started before the order appears in order lists (API-FACTS 3.3). */
  readonly listDelayMs: Readonly<Record<string, number>>;
  readonly provisioningStatusCase: StatusCase;
}

export interface SimulatorData {
  readonly seed: number;
  readonly customerCount: number;
  /** Every customer: the fixed ones first (the foreign one included), then the generated ones. */
  readonly customers: readonly CustomerRecord[];
  readonly catalog: readonly CatalogProduct[];
  /** Case-insensitive lookup by customer id. */
  findCustomer(id: string): CustomerRecord | undefined;
  /** The customers a partner may see, in list order. */
  customersOf(partnerId: string): CustomerRecord[];
  findOrder(customerId: string, orderId: string): Order | undefined;
}

interface RecordSpec {
  partnerId: string;
  info: CustomerInfo;
  makeOrders: () => Order[];
  makeSystemOrders?: () => Order[];
  listDelayMs?: Record<string, number>;
  provisioningStatusCase?: StatusCase;
}

function makeRecord(spec: RecordSpec): CustomerRecord {
  const customer = customerJson(spec.info);
  let orders: Order[] | undefined;
  let systemOrders: Order[] | undefined;
  let subscriptions: Subscription[] | undefined;
  const getOrders = (): Order[] => (orders ??= spec.makeOrders());
  const getSystemOrders = (): Order[] => (systemOrders ??= spec.makeSystemOrders?.() ?? []);
  const record = { partnerId: spec.partnerId, customer };
  // Enumerable getters, so JSON.stringify(data) includes the lazily built parts (determinism checks rely on it).
  Object.defineProperty(record, 'orders', { enumerable: true, get: getOrders });
  Object.defineProperty(record, 'systemOrders', { enumerable: true, get: getSystemOrders });
  Object.defineProperty(record, 'subscriptions', {
    enumerable: true,
    get: () => (subscriptions ??= deriveSubscriptions(customer.id, [...getOrders(), ...getSystemOrders()])),
  });
  return Object.assign(record, {
    listDelayMs: spec.listDelayMs ?? {},
    provisioningStatusCase: spec.provisioningStatusCase ?? 'lower',
  }) as unknown as CustomerRecord;
}

function ordersRng(seed: number, customerId: string): Rng {
  return new Rng(hash32(`${seed}:orders:${customerId}`));
}

function fixedSpecs(seed: number, naming: Naming): RecordSpec[] {
  const info = (id: string, companyName: string): CustomerInfo =>
    generateCustomerInfo(new Rng(hash32(`fixed:${id}`)), naming, { id, companyName, relationshipToPartner: 'reseller' });
  const mine = (id: string, name: string, makeOrders: () => Order[]): RecordSpec =>
    ({ partnerId: DEFAULT_PARTNER_ID, info: info(id, name), makeOrders });
  const quirks = mine(QUIRKS_CUSTOMER_ID, 'Lamna Healthcare Company', quirksOrders);
  // A contact with a middle name (utility-resources Address.middleName), on both addresses.
  quirks.info.address = { ...quirks.info.address, middleName: 'Maria' };
  const big = info(BIG_CUSTOMER_ID, 'Woodgrove Global Holdings');
  const foreign = info(FOREIGN_CUSTOMER_ID, 'Olympia Imports');
  return [
    mine(SEED_004_CUSTOMER_ID, 'Relecloud', () => [...seed004Orders(), ...seed004ExtraOrders()]),
    mine(SEED_000_CUSTOMER_ID, 'Fourth Coffee', seed000Orders),
    { ...quirks, makeSystemOrders: quirksSystemOrders, provisioningStatusCase: 'pascal' },
    { partnerId: DEFAULT_PARTNER_ID, info: big,
      makeOrders: () => generateOrders(ordersRng(seed, big.id), { customerId: big.id, locale: big.locale }, BIG_CUSTOMER_ORDER_COUNT) },
    { ...mine(DELAYED_CUSTOMER_ID, 'Fincher Architects', delayedCustomerOrders),
      listDelayMs: { [DELAYED_ORDER_ID]: DELAYED_ORDER_LIST_DELAY_MS } },
    { partnerId: OTHER_PARTNER_ID, info: foreign,
      makeOrders: () => generateOrders(ordersRng(seed, foreign.id), { customerId: foreign.id, locale: foreign.locale }, 3, 'monthly') },
  ];
}

/** Generated customer i < 6 always has an order of cycle BILLING_CYCLES[i], so every cycle is present. */
function generatedSpec(seed: number, rng: Rng, naming: Naming, index: number): RecordSpec {
  const info = generateCustomerInfo(rng, naming);
  const firstCycle = BILLING_CYCLES[index];
  return {
    partnerId: DEFAULT_PARTNER_ID,
    info,
    makeOrders: () => {
      const r = ordersRng(seed, info.id);
      const count = r.int(firstCycle ? 1 : 0, 8);
      return generateOrders(r, { customerId: info.id, locale: info.locale }, count, firstCycle);
    },
  };
}

export function createData(seed = 42, customerCount = 40): SimulatorData {
  const naming: Naming = { names: new Set(), domains: new Set() };
  const rng = new Rng(seed);
  const specs = fixedSpecs(seed, naming);
  for (let i = 0; i < customerCount; i++) specs.push(generatedSpec(seed, rng, naming, i));
  const customers = specs.map(makeRecord);
  const byId = new Map(customers.map((r) => [r.customer.id.toLowerCase(), r]));
  const findCustomer = (id: string): CustomerRecord | undefined => byId.get(id.toLowerCase());
  return {
    seed,
    customerCount,
    customers,
    catalog: CATALOG,
    findCustomer,
    customersOf: (partnerId) => customers.filter((r) => r.partnerId === partnerId),
    findOrder: (customerId, orderId) => {
      const record = findCustomer(customerId);
      return record && [...record.orders, ...record.systemOrders].find((o) => o.id === orderId);
    },
  };
}
