import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { SEED_004_CUSTOMER_ID } from '../../src/simulator/constants.js';
import { GATEWAY_CLIENT_ID, GATEWAY_CLIENT_SECRET } from '../../src/simulator/identity-provider.js';
import { ADA, signInAtProvider, useIdentity } from '../support/identity.js';

const QUERY = `{ customer(id: "${SEED_004_CUSTOMER_ID}") { companyProfile { companyName } } }`;
const csrf = { 'x-graphql-csrf': '1' };
/** Partner Center tokens live 2 s: the gateway refreshes them at half their life. */
const TTL_S = 2;

const { idp, gw } = useIdentity(
  { AUTH_MODE: 'session', OIDC_CLIENT_ID: GATEWAY_CLIENT_ID, OIDC_CLIENT_SECRET: GATEWAY_CLIENT_SECRET, SESSION_SECRET: 'a-session-secret-of-at-least-32-characters', CORS_ORIGINS: 'https://app.example.com' },
  { publicUrl: true, idp: { accessTokenTtlS: TTL_S } },
);

async function signIn(): Promise<string> {
  const start = await fetch(`${gw.url}/auth/login`, { redirect: 'manual' });
  const callback = await signInAtProvider(start.headers.get('location')!, ADA.login, `${gw.url}/auth/callback`);
  const done = await fetch(callback, { redirect: 'manual' });
  return /^(__Host-partner-graph=[^;]+);/.exec(done.headers.get('set-cookie')!)![1]!;
}

const tokensSent = () => gw.upstream().map((call) => call.headers.authorization);

describe('AUTH_MODE=session: refreshing the Partner Center token', () => {
  it('refreshes once the token is past half its life, once for many requests at the same time', async () => {
    const cookie = await signIn();
    gw.resetUpstream();
    const before = idp.grants.refresh_token ?? 0;
    await gw.query(QUERY, undefined, { authorization: '', cookie, ...csrf });
    expect(idp.grants.refresh_token ?? 0).toBe(before);
    // The token's own clock is what is under test: wait past half its life.
    await delay((TTL_S * 1000) / 2 + 100);
    const answers = await Promise.all(Array.from({ length: 5 }, (_, i) => gw.query(`{ customer(id: "${SEED_004_CUSTOMER_ID}") { companyProfile { companyName } id${i ? ` a${i}: id` : ''} } }`, undefined, { authorization: '', cookie, ...csrf })));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200]);
    expect(idp.grants.refresh_token).toBe(before + 1);
    const [first, ...after] = tokensSent();
    expect(after.length).toBeGreaterThan(0);
    expect(new Set(after).size).toBe(1);
    expect(after[0]).not.toBe(first);
  });

  it('a refresh the provider refuses ends the session: 401 invalid_grant, cookie cleared, no upstream call', async () => {
    const cookie = await signIn();
    await delay((TTL_S * 1000) / 2 + 100);
    idp.failGrants('invalid_grant');
    gw.resetUpstream();
    try {
      const response = await gw.query(QUERY, undefined, { authorization: '', cookie, ...csrf });
      expect(response.status).toBe(401);
      expect(response.body.errors![0]!.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'invalid_grant' });
      expect(response.headers['set-cookie']).toBe('__Host-partner-graph=; Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age=0');
      expect(gw.upstream()).toEqual([]);
    } finally {
      idp.failGrants();
    }
    const session = await fetch(`${gw.url}/auth/session`, { headers: { cookie } });
    expect(session.status).toBe(401);
  });
});
