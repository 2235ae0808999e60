import { describe, expect, it } from 'vitest';
import { SEED_000_CUSTOMER_ID, SEED_004_CUSTOMER_ID } from '../../src/simulator/constants.js';
import { TOKEN } from '../support/gateway.js';
import { useGateway } from '../support/shared-gateway.js';

const A = SEED_004_CUSTOMER_ID;
const B = SEED_000_CUSTOMER_ID;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const INBOUND = '8a53b025-d5be-4d98-ab20-229d1813de76';

const gw = useGateway({ env: { PARTNER_CENTER_APPLICATION: 'portal-tests' } }, { clearFaults: true });

const both = `query Both { a: customer(id: "${A}") { companyProfile { companyName } orders { id } } b: customer(id: "${B}") { orders { id } } }`;

describe('correlation id', () => {
  it('reuses a valid inbound MS-CorrelationId on every upstream call and in the response header', async () => {
    const response = await gw.query(both, undefined, { 'ms-correlationid': INBOUND });
    expect(response.headers['ms-correlationid']).toBe(INBOUND);
    const calls = gw.upstream();
    expect(calls).toHaveLength(3);
    expect(calls.map((c) => c.headers['ms-correlationid'])).toEqual([INBOUND, INBOUND, INBOUND]);
  });

  it('makes a new one when the inbound one is missing or not a GUID', async () => {
    for (const inbound of [undefined, 'not-a-guid', `${INBOUND}x`]) {
      gw.resetUpstream();
      const response = await gw.query(both, undefined, inbound ? { 'ms-correlationid': inbound } : {});
      const id = response.headers['ms-correlationid'] as string;
      expect(id).toMatch(GUID);
      expect(id).not.toBe(INBOUND);
      expect(new Set(gw.upstream().map((c) => c.headers['ms-correlationid']))).toEqual(new Set([id]));
    }
  });

  it('puts the correlation id in every error, validation errors and 401s included', async () => {
    gw.sim.inject({ match: { customerId: B }, fault: { kind: 'status', status: 500 } });
    const partial = await gw.query(both, undefined, { 'ms-correlationid': INBOUND });
    const invalid = await gw.query('{ nope }', undefined, { 'ms-correlationid': INBOUND });
    const unauthenticated = await gw.query(both, undefined, { 'ms-correlationid': INBOUND, authorization: '' });
    const errors = [partial, invalid, unauthenticated].flatMap((r) => r.body.errors ?? []);
    expect(errors).toHaveLength(3);
    for (const error of errors) expect(error.extensions!.correlationId).toBe(INBOUND);
  });
});

describe('upstream request headers', () => {
  it('forwards Authorization as received and sends Accept, the application name and a fresh MS-RequestId per call', async () => {
    await gw.query(both);
    const calls = gw.upstream();
    expect(calls).toHaveLength(3);
    for (const call of calls) {
      expect(call.headers.authorization).toBe(TOKEN);
      expect(call.headers.accept).toBe('application/json');
      expect(call.headers['ms-partnercenter-application']).toBe('portal-tests');
      expect(call.headers['ms-requestid']).toMatch(GUID);
    }
    expect(new Set(calls.map((c) => c.headers['ms-requestid'])).size).toBe(3);
  });
});

describe('logging', () => {
  it('writes one line per GraphQL request and one per upstream call, all bound to the correlation id', async () => {
    const before = gw.logs.length;
    await gw.query(both, undefined, { 'ms-correlationid': INBOUND });
    const lines = gw.logs.slice(before).filter((l) => l.correlationId === INBOUND);
    const upstream = lines.filter((l) => l.msg === 'upstream call');
    const requests = lines.filter((l) => l.msg === 'graphql request');
    expect(upstream).toHaveLength(3);
    expect(requests).toHaveLength(1);
    expect(requests[0]!.graphql).toMatchObject({ operationName: 'Both', status: 200, upstreamCalls: 3, outcome: 'ok', errorCodes: [] });
    const sent = new Set(gw.upstream().map((c) => c.headers['ms-requestid']));
    for (const line of upstream) {
      const record = line.upstream as Record<string, unknown>;
      expect(record).toMatchObject({ method: 'GET', status: 200, outcome: 'ok' });
      expect(typeof record.durationMs).toBe('number');
      expect(sent.has(record.requestId as string)).toBe(true);
    }
    expect(upstream.map((l) => (l.upstream as { route: string }).route).sort()).toEqual([
      '/v1/customers/{id}',
      '/v1/customers/{id}/orders',
      '/v1/customers/{id}/orders',
    ]);
  });

  it('records a partial outcome with its error codes', async () => {
    gw.sim.inject({ match: { customerId: B }, fault: { kind: 'status', status: 429, retryAfterSeconds: 5 } });
    const before = gw.logs.length;
    await gw.query(both, undefined, { 'ms-correlationid': INBOUND });
    const summary = gw.logs.slice(before).find((l) => l.msg === 'graphql request');
    expect(summary!.graphql).toMatchObject({ outcome: 'partial', errorCodes: ['THROTTLED'], upstreamCalls: 3 });
  });

  it('never writes the token, even at debug level and on failures', async () => {
    const secret = 'Bearer s3cr3t-token-value.never-logged';
    gw.sim.inject({ match: { customerId: B }, fault: { kind: 'status', status: 401 } });
    await gw.query(both, undefined, { authorization: secret });
    await gw.query(both, undefined, { authorization: 'Basic s3cr3t-token-value' });
    expect(gw.config.log.level).toBe('debug');
    expect(gw.rawLogs.length).toBeGreaterThan(0);
    expect(gw.rawLogs.join('\n')).not.toContain('s3cr3t-token-value');
  });
});
