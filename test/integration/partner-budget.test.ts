import { afterEach, describe, expect, it } from 'vitest';
import { SEED_000_CUSTOMER_ID, SEED_004_CUSTOMER_ID } from '../../src/simulator/constants.js';
import { startGateway, type TestGateway } from '../support/gateway.js';

const A = SEED_004_CUSTOMER_ID;
const B = SEED_000_CUSTOMER_ID;
let gw: TestGateway | undefined;
afterEach(async () => {
  await gw?.close();
  gw = undefined;
});

const profile = (id: string) => `{ customer(id: "${id}") { companyProfile { companyName } } }`;

describe('the per-partner upstream budget (one replica, in-process)', () => {
  it('makes at most PARTNER_BUDGET_PER_MINUTE calls a minute per token; the rest fail THROTTLED with retryAfter and no call', async () => {
    gw = await startGateway({ env: { PARTNER_BUDGET_PER_MINUTE: '3', OPERATION_SINGLE_FLIGHT: 'false' } });
    const answers = [];
    for (let i = 0; i < 5; i += 1) answers.push(await gw.query(profile(i % 2 === 0 ? A : B)));
    expect(gw.upstream().length).toBe(3);
    expect(answers.map((a) => a.body.errors?.[0]?.extensions?.code ?? 'ok')).toEqual(['ok', 'ok', 'ok', 'THROTTLED', 'THROTTLED']);
    const refused = answers[3]!.body.errors![0]!.extensions!;
    expect(refused.retryAfter).toBeGreaterThan(0);
    expect(refused.retryAfter).toBeLessThanOrEqual(60);
    expect(answers[3]!.body.data).toEqual({ customer: { companyProfile: null } });
    // Another token is another partner's budget.
    const other = await gw.query(profile(A), undefined, { authorization: 'Bearer another-partner-token' });
    expect(other.body.errors).toBeUndefined();
    expect(gw.upstream().length).toBe(4);
  });

  it("a 429 from Partner Center drains the partner's budget for its Retry-After: the next call is not made", async () => {
    gw = await startGateway({ env: { PARTNER_BUDGET_PER_MINUTE: '100' } });
    gw.sim.inject({ match: { customerId: A }, fault: { kind: 'status', status: 429, retryAfterSeconds: 30 }, times: 1 });
    const first = await gw.query(profile(A));
    expect(first.body.errors?.[0]?.extensions?.code).toBe('THROTTLED');
    const next = await gw.query(profile(B));
    expect(next.body.errors?.[0]?.extensions).toMatchObject({ code: 'THROTTLED' });
    expect(next.body.errors![0]!.extensions!.retryAfter).toBeGreaterThan(28);
    expect(next.body.errors![0]!.extensions!.retryAfter).toBeLessThanOrEqual(30);
    expect(gw.upstream().map((r) => r.path)).toEqual([`/v1/customers/${A}`]);
  });
});
