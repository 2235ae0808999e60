import { describe, expect, it } from 'vitest';
import { SEED_004_CUSTOMER_ID } from '../../src/simulator/constants.js';
import { GATEWAY_AUDIENCE, GATEWAY_CLIENT_ID, GATEWAY_CLIENT_SECRET, PARTNER_CENTER_AUDIENCE } from '../../src/simulator/identity-provider.js';
import { ADA, BOB, OTO, useIdentity } from '../support/identity.js';

const QUERY = `{ customer(id: "${SEED_004_CUSTOMER_ID}") { id companyProfile { companyName } } }`;
const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

const { idp, gw } = useIdentity({
  AUTH_MODE: 'obo',
  AUTH_AUDIENCE: GATEWAY_AUDIENCE,
  OIDC_CLIENT_ID: GATEWAY_CLIENT_ID,
  OIDC_CLIENT_SECRET: GATEWAY_CLIENT_SECRET,
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const payloadOf = (authorization: string) => JSON.parse(Buffer.from(authorization.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;

describe('AUTH_MODE=obo', () => {
  it('exchanges the caller\'s token for a Partner Center token of the same user, once per user while it is fresh', async () => {
    const token = await idp.issueToken(ADA, { audience: GATEWAY_AUDIENCE });
    gw.resetUpstream();
    const before = idp.grants[JWT_BEARER] ?? 0;
    const first = await gw.query(QUERY, undefined, bearer(token));
    const second = await gw.query(QUERY, undefined, bearer(await idp.issueToken(ADA, { audience: GATEWAY_AUDIENCE })));
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(first.body.errors).toBeUndefined();
    expect(idp.grants[JWT_BEARER]).toBe(before + 1);
    const sent = gw.upstream().map((call) => call.headers.authorization!);
    expect(sent).toHaveLength(2);
    expect(sent[0]).toBe(sent[1]);
    expect(sent[0]).not.toBe(`Bearer ${token}`);
    expect(payloadOf(sent[0]!)).toMatchObject({ aud: PARTNER_CENTER_AUDIENCE, tid: ADA.tid, oid: ADA.oid });
  });

  it('a burst of one user\'s first requests costs one exchange', async () => {
    const user = OTO;
    const before = idp.grants[JWT_BEARER] ?? 0;
    const tokens = await Promise.all(Array.from({ length: 5 }, () => idp.issueToken(user, { audience: GATEWAY_AUDIENCE })));
    const answers = await Promise.all(tokens.map((token) => gw.query(QUERY, undefined, bearer(token))));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200]);
    expect(idp.grants[JWT_BEARER]).toBe(before + 1);
  });

  it('another user of the same tenant gets an exchange of their own', async () => {
    const before = idp.grants[JWT_BEARER] ?? 0;
    gw.resetUpstream();
    const response = await gw.query(QUERY, undefined, bearer(await idp.issueToken(BOB, { audience: GATEWAY_AUDIENCE })));
    expect(response.status).toBe(200);
    expect(idp.grants[JWT_BEARER]).toBe(before + 1);
    expect(payloadOf(gw.upstream()[0]!.headers.authorization!)).toMatchObject({ oid: BOB.oid });
  });

  it('a token for Partner Center itself (not for the gateway) is refused before any exchange', async () => {
    gw.resetUpstream();
    const response = await gw.query(QUERY, undefined, bearer(await idp.issueToken(ADA)));
    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
    expect(response.body.errors![0]!.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'invalid_token' });
    expect(gw.upstream()).toEqual([]);
  });

  for (const failure of ['invalid_grant', 'interaction_required'] as const) {
    it(`the issuer refusing the exchange (${failure}): 401 with extensions.reason, no upstream call`, async () => {
      // A user with nothing cached yet, so the exchange is really asked for.
      const token = await idp.issueToken({ ...ADA, oid: `0a0d0a00-1111-4111-8111-0000000000${failure === 'invalid_grant' ? '10' : '11'}` }, { audience: GATEWAY_AUDIENCE });
      idp.failGrants(failure);
      gw.resetUpstream();
      try {
        const response = await gw.query(QUERY, undefined, bearer(token));
        expect(response.status).toBe(401);
        expect(response.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
        expect(response.body.errors).toEqual([
          {
            message: 'The identity provider refused to exchange the token for Partner Center.',
            extensions: { code: 'UNAUTHENTICATED', reason: failure, correlationId: response.headers['ms-correlationid'] },
          },
        ]);
        expect(gw.upstream()).toEqual([]);
      } finally {
        idp.failGrants();
      }
    });
  }

  it('any other exchange failure: 502 UPSTREAM_ERROR, no upstream call', async () => {
    const token = await idp.issueToken({ ...ADA, oid: '0a0d0a00-1111-4111-8111-000000000012' }, { audience: GATEWAY_AUDIENCE });
    idp.failGrants('server_error');
    gw.resetUpstream();
    try {
      const response = await gw.query(QUERY, undefined, bearer(token));
      expect(response.status).toBe(502);
      expect(response.body.errors).toEqual([
        { message: 'The on-behalf-of exchange with the identity provider failed.', extensions: { code: 'UPSTREAM_ERROR', correlationId: response.headers['ms-correlationid'] } },
      ]);
      expect(gw.upstream()).toEqual([]);
    } finally {
      idp.failGrants();
    }
  });
});
