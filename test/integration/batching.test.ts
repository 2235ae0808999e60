import { beforeAll, describe, expect, it } from 'vitest';
import { SEED_000_CUSTOMER_ID, SEED_004_CUSTOMER_ID } from '../../src/simulator/constants.js';
import { dataOf } from '../support/data-of.js';
import { withGateway } from '../support/gateway.js';
import { useGateway } from '../support/shared-gateway.js';

const A = SEED_004_CUSTOMER_ID;
const B = SEED_000_CUSTOMER_ID;

const gw = useGateway();
let generated: string[];
beforeAll(() => {
  generated = gw.sim.data.customersOf(gw.sim.data.customers[0]!.partnerId).map((r) => r.customer.id).filter((id) => id !== A && id !== B);
});

/** The upstream calls as "path?query", sorted, for exact comparison. */
function calls(): string[] {
  return gw
    .upstream()
    .map((c) => `${c.path}${Object.keys(c.query).length ? `?${new URLSearchParams(c.query).toString()}` : ''}`)
    .sort();
}

describe('one upstream call per distinct resource per request', () => {
  it('orders alone cost no GET of the customer', async () => {
    const { body } = await gw.query(`{ customer(id: "${A}") { id orders { id } } }`);
    expect(body.errors).toBeUndefined();
    expect(calls()).toEqual([`/v1/customers/${A}/orders`]);
  });

  it('id alone costs nothing at all', async () => {
    const { body } = await gw.query(`{ customer(id: "${A}") { id __typename } }`);
    expect(body.data).toEqual({ customer: { id: A, __typename: 'Customer' } });
    expect(calls()).toEqual([]);
  });

  it('profile fields cost one GET however many are selected, through aliases and fragments', async () => {
    const { body } = await gw.query(`
      query { a: customer(id: "${A}") { companyProfile { companyName } ...P }
              b: customer(id: "${A.toUpperCase()}") { relationshipToPartner billingProfile { email } } }
      fragment P on Customer { allowDelegatedAccess commerceId }`);
    expect(body.errors).toBeUndefined();
    expect(calls()).toEqual([`/v1/customers/${A}`]);
  });

  it('profile and orders cost one call each, in parallel', async () => {
    await gw.query(`{ customer(id: "${A}") { companyProfile { companyName } orders { id } } }`);
    expect(calls()).toEqual([`/v1/customers/${A}`, `/v1/customers/${A}/orders`]);
  });

  it('all orders and a filtered subset cost one unfiltered call, filtered locally', async () => {
    const { body } = await gw.query(`{ customer(id: "${A}") { all: orders { id billingCycle } once: orders(billingCycle: ONE_TIME) { id } } }`);
    expect(calls()).toEqual([`/v1/customers/${A}/orders`]);
    const customer = dataOf(body).customer as { all: { id: string; billingCycle: string }[]; once: { id: string }[] };
    expect(customer.once).toEqual(customer.all.filter((o) => o.billingCycle === 'ONE_TIME').map(({ id }) => ({ id })));
    expect(customer.once).toHaveLength(2);
  });

  it('two different cycles of one customer cost one unfiltered call', async () => {
    await gw.query(`{ customer(id: "${A}") { m: orders(billingCycle: MONTHLY) { id } o: orders(billingCycle: ONE_TIME) { id } } }`);
    expect(calls()).toEqual([`/v1/customers/${A}/orders`]);
  });

  it('the same cycle asked through aliases and a variable costs one filtered call', async () => {
    await gw.query(
      `query($c: PartnerCenterBillingCycle) { x: customer(id: "${A}") { orders(billingCycle: MONTHLY) { id } } y: customer(id: "${A}") { orders(billingCycle: $c) { lineItems { offerId } } } }`,
      { c: 'MONTHLY' },
    );
    expect(calls()).toEqual([`/v1/customers/${A}/orders?billingType=Monthly`]);
  });

  it('an unfiltered and a filtered ask from different root fields share one call', async () => {
    await gw.query(`{ customer(id: "${A}") { orders { id } } customers(ids: ["${A}"]) { orders(billingCycle: ANNUAL) { id } } }`);
    expect(calls()).toEqual([`/v1/customers/${A}/orders`]);
  });

  it('customers(ids) keeps the order of ids, repeats duplicates and fetches each once', async () => {
    const ids = [generated[0]!, A, generated[0]!, B];
    const { body } = await gw.query(`query($ids: [ID!]!) { customers(ids: $ids) { id companyProfile { tenantId } } }`, { ids });
    expect(body.errors).toBeUndefined();
    expect((body.data!.customers as { id: string; companyProfile: { tenantId: string } }[]).map((c) => c.id)).toEqual(ids);
    expect(calls()).toEqual([`/v1/customers/${generated[0]}`, `/v1/customers/${A}`, `/v1/customers/${B}`].sort());
  });

  it('25 customers with orders and line items cost 25 order calls and nothing else, and no warning', async () => {
    const ids = generated.slice(0, 25);
    expect(ids).toHaveLength(25);
    // 25 calls in flight at once each listen on the request's one deadline signal: Node's default limit of 10
    // listeners printed "MaxListenersExceededWarning: Possible EventTarget memory leak" on every fan-out.
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(`${warning.name}: ${warning.message}`);
    process.on('warning', onWarning);
    try {
      const { body } = await gw.query(`query($ids: [ID!]!) { customers(ids: $ids) { id orders(billingCycle: MONTHLY) { id lineItems { offerId } } } }`, { ids });
      expect(body.errors).toBeUndefined();
      await new Promise((resolve) => setImmediate(resolve)); // process warnings are emitted on the next tick
    } finally {
      process.off('warning', onWarning);
    }
    expect(calls()).toEqual(ids.map((id) => `/v1/customers/${id}/orders?billingType=Monthly`).sort());
    expect(warnings.filter((w) => w.startsWith('MaxListenersExceededWarning'))).toEqual([]);
  });

  it('@skip and @include decide which calls are made', async () => {
    await gw.query(
      `query($no: Boolean!) { customer(id: "${A}") { companyProfile @include(if: $no) { companyName } ... @skip(if: true) { relationshipToPartner } orders { id } } }`,
      { no: false },
    );
    expect(calls()).toEqual([`/v1/customers/${A}/orders`]);
  });

  it('nothing is cached across requests: the same query twice costs twice', async () => {
    await gw.query(`{ customer(id: "${A}") { companyProfile { companyName } } }`);
    await gw.query(`{ customer(id: "${A}") { companyProfile { companyName } } }`);
    expect(calls()).toEqual([`/v1/customers/${A}`, `/v1/customers/${A}`]);
  });
});

describe('per-request concurrency cap', () => {
  // With 40 ms upstream latency every call of the batch is waiting at once, so the peak is the cap.
  it.each([
    [2, 12],
    [4, 8],
  ])('with UPSTREAM_CONCURRENCY_PER_REQUEST=%i, %i independent calls peak at exactly the cap', async (cap, customers) => {
    await withGateway({ env: { UPSTREAM_CONCURRENCY_PER_REQUEST: String(cap) }, simulator: { latencyMs: 40 } }, async (capped) => {
      const ids = capped.sim.data.customers.slice(0, customers).map((r) => r.customer.id);
      capped.sim.resetPeak();
      await capped.query(`query($ids: [ID!]!) { customers(ids: $ids) { id orders { id } } }`, { ids });
      expect(capped.upstream()).toHaveLength(customers);
      expect(capped.sim.peakInFlight).toBe(cap);
    });
  });
});
