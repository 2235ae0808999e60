import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_004_CUSTOMER_ID } from '../../src/simulator/constants.js';
import { GATEWAY_AUDIENCE, startIdentityProvider, type IdentityProvider } from '../../src/simulator/identity-provider.js';
import { withGateway } from '../support/gateway.js';
import { ADA, BOB, segment, useIdentity } from '../support/identity.js';

const QUERY = `{ customer(id: "${SEED_004_CUSTOMER_ID}") { id companyProfile { companyName } } }`;

const { idp, gw } = useIdentity({});
let stranger: IdentityProvider;
beforeAll(async () => {
  stranger = await startIdentityProvider();
});
afterAll(() => stranger?.close());

describe('AUTH_MODE=passthrough with OIDC_ISSUER: tokens verified before any upstream call', () => {
  it('a token the issuer signed for Partner Center is forwarded as received, and the request is logged as its tid/oid', async () => {
    const token = await idp.issueToken(ADA);
    gw.resetUpstream();
    const response = await gw.query(QUERY, undefined, { authorization: `Bearer ${token}` });
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
    expect(gw.upstream().map((call) => call.headers.authorization)).toEqual([`Bearer ${token}`]);
    const correlationId = response.headers['ms-correlationid'];
    const lines = gw.logs.filter((line) => line.correlationId === correlationId);
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect([line.tid, line.oid]).toEqual([ADA.tid, ADA.oid]);
    // No names, no tokens.
    const raw = gw.rawLogs.join('\n');
    expect(raw).not.toContain(token);
    expect(raw).not.toContain(ADA.name);
  });

  const bad: [string, () => Promise<string>, string][] = [
    ['expired', () => idp.issueToken(ADA, { ttlS: -120 }), 'The token has expired.'],
    ['not yet valid', () => idp.issueToken(ADA, { claims: { nbf: Math.floor(Date.now() / 1000) + 3600 } }), 'The token is not valid yet.'],
    ['for another audience', () => idp.issueToken(ADA, { audience: GATEWAY_AUDIENCE }), 'The token\'s "aud" claim is not accepted.'],
    ['from another issuer (same keys)', () => idp.issueToken(ADA, { claims: { iss: 'https://login.example.com/' } }), 'The token\'s "iss" claim is not accepted.'],
    ['signed by another provider', () => stranger.issueToken(ADA, { claims: { iss: idp.issuer } }), 'The token\'s signature does not verify.'],
    ['unsigned (alg none)', async () => `${segment({ alg: 'none', typ: 'JWT' })}.${segment({ iss: idp.issuer, aud: 'https://api.partnercenter.microsoft.com', tid: ADA.tid, oid: ADA.oid, exp: Math.floor(Date.now() / 1000) + 600 })}.`, 'The token\'s signing algorithm is not accepted.'],
    ['with a changed payload (wrong signature)', async () => {
      const [header, , signature] = (await idp.issueToken(ADA)).split('.');
      return `${header}.${segment({ iss: idp.issuer, aud: 'https://api.partnercenter.microsoft.com', tid: BOB.tid, oid: BOB.oid, exp: Math.floor(Date.now() / 1000) + 600 })}.${signature}`;
    }, 'The token\'s signature does not verify.'],
    ['malformed', async () => 'not-a.jwt', 'The token is malformed.'],
  ];
  for (const [name, make, message] of bad) {
    it(`a token ${name}: 401 UNAUTHENTICATED, WWW-Authenticate invalid_token, no upstream call`, async () => {
      const token = await make();
      gw.resetUpstream();
      const response = await gw.query(QUERY, undefined, { authorization: `Bearer ${token}` });
      expect(response.status).toBe(401);
      expect(response.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
      expect(response.body.data).toBeUndefined();
      expect(response.body.errors).toEqual([
        { message, extensions: { code: 'UNAUTHENTICATED', reason: 'invalid_token', correlationId: response.headers['ms-correlationid'] } },
      ]);
      expect(gw.upstream()).toEqual([]);
    });
  }

  it('bad credentials are refused even for introspection; none at all may introspect', async () => {
    const refused = await gw.query('{ __typename }', undefined, { authorization: 'Bearer not-a.jwt' });
    expect(refused.status).toBe(401);
    const anonymous = await gw.query('{ __typename }', undefined, { authorization: '' });
    expect([anonymous.status, anonymous.body.data]).toEqual([200, { __typename: 'Query' }]);
  });

  it('the strict simulator itself refuses a token its provider did not sign for Partner Center', async () => {
    const response = await fetch(`${gw.simUrl}/v1/customers/${SEED_004_CUSTOMER_ID}`, { headers: { authorization: `Bearer ${await idp.issueToken(ADA, { audience: GATEWAY_AUDIENCE })}` } });
    expect(response.status).toBe(401);
  });
});

describe('AUTH_MODE=passthrough without OIDC_ISSUER', () => {
  it('forwards any bearer token and names the caller by a hash of it in every log line', async () => {
    await withGateway({}, async (plain) => {
      const response = await plain.query(QUERY);
      expect(response.status).toBe(200);
      const lines = plain.logs.filter((line) => line.correlationId === response.headers['ms-correlationid']);
      expect(lines.length).toBeGreaterThan(1);
      for (const line of lines) expect(line.caller).toMatch(/^[A-Za-z0-9_-]{16}$/);
      expect(new Set(lines.map((line) => line.caller)).size).toBe(1);
    });
  });
});
