import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { SEED_004_CUSTOMER_ID } from '../../src/simulator/constants.js';
import { GATEWAY_CLIENT_ID, GATEWAY_CLIENT_SECRET, PARTNER_CENTER_AUDIENCE } from '../../src/simulator/identity-provider.js';
import { ADA, BOB, useIdentity, signInAtProvider } from '../support/identity.js';

const QUERY = `{ customer(id: "${SEED_004_CUSTOMER_ID}") { id companyProfile { companyName } } }`;
const COOKIE = '__Host-partner-graph';
const CLEARED = `${COOKIE}=; Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age=0`;

const { idp, gw } = useIdentity({
  AUTH_MODE: 'session',
  OIDC_CLIENT_ID: GATEWAY_CLIENT_ID,
  OIDC_CLIENT_SECRET: GATEWAY_CLIENT_SECRET,
  SESSION_SECRET: 'a-session-secret-of-at-least-32-characters',
  CORS_ORIGINS: 'https://app.example.com',
}, { publicUrl: true });

async function get(path: string, headers: Record<string, string> = {}) {
  const response = await request(`${gw.url}${path}`, { method: 'GET', headers });
  const text = await response.body.text();
  return { status: response.statusCode, headers: response.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
}

/** The whole sign-in: /auth/login, the provider's form, /auth/callback. The session cookie and what the callback answered. */
async function signIn(login: string, returnTo = '/graphql') {
  const start = await get(`/auth/login?returnTo=${encodeURIComponent(returnTo)}`);
  expect(start.status).toBe(302);
  const callback = await signInAtProvider(String(start.headers.location), login, `${gw.url}/auth/callback`);
  const done = await get(callback.slice(gw.url.length));
  const setCookie = String(done.headers['set-cookie'] ?? '');
  const cookie = /^(__Host-partner-graph=[A-Za-z0-9_-]{43});/.exec(setCookie)?.[1];
  return { start, callback, done, setCookie, cookie: cookie! };
}

const csrf = { 'x-graphql-csrf': '1' };

describe('AUTH_MODE=session', () => {
  it('/auth/login redirects to the provider: code flow, PKCE S256, state, nonce, the scopes and PUBLIC_URL/auth/callback', async () => {
    const start = await get('/auth/login?returnTo=/graphql');
    expect(start.status).toBe(302);
    const location = new URL(String(start.headers.location));
    expect(location.origin + location.pathname).toBe(`${idp.issuer}/auth`);
    const params = Object.fromEntries(location.searchParams);
    expect(params).toMatchObject({
      client_id: GATEWAY_CLIENT_ID,
      response_type: 'code',
      redirect_uri: `${gw.url}/auth/callback`,
      scope: `openid profile offline_access ${PARTNER_CENTER_AUDIENCE}/user_impersonation`,
      code_challenge_method: 'S256',
    });
    expect(params.code_challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(params.state).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(params.nonce).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('returnTo must be a path on the gateway', async () => {
    for (const returnTo of ['https://evil.example.com/', '//evil.example.com/x', '/\\evil.example.com', 'graphql']) {
      const start = await get(`/auth/login?returnTo=${encodeURIComponent(returnTo)}`);
      expect([start.status, (start.body!.errors as { extensions: { code: string } }[])[0]!.extensions.code]).toEqual([400, 'BAD_REQUEST']);
    }
  });

  it('signs in, queries with the cookie alone (tokens never reach the browser), answers /auth/session, signs out', async () => {
    const { done, setCookie, cookie } = await signIn(ADA.login, '/graphql?x=1');
    expect(done.status).toBe(302);
    expect(done.headers.location).toBe('/graphql?x=1');
    expect(setCookie).toMatch(new RegExp(`^${COOKIE}=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age=28800$`));

    gw.resetUpstream();
    const response = await gw.query(QUERY, undefined, { authorization: '', cookie, ...csrf });
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
    const sent = gw.upstream().map((call) => call.headers.authorization!);
    expect(sent).toHaveLength(1);
    expect(JSON.parse(Buffer.from(sent[0]!.split('.')[1]!, 'base64url').toString())).toMatchObject({ aud: PARTNER_CENTER_AUDIENCE, tid: ADA.tid, oid: ADA.oid });
    const lines = gw.logs.filter((line) => line.correlationId === response.headers['ms-correlationid']);
    for (const line of lines) expect([line.tid, line.oid]).toEqual([ADA.tid, ADA.oid]);

    const session = await get('/auth/session', { cookie });
    expect(session.status).toBe(200);
    expect(session.body).toEqual({ name: ADA.name, tid: ADA.tid, oid: ADA.oid, expiresAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });

    const logout = await request(`${gw.url}/auth/logout`, { method: 'POST', headers: { cookie, ...csrf } });
    expect([logout.statusCode, logout.headers['set-cookie']]).toEqual([204, CLEARED]);
    gw.resetUpstream();
    const after = await gw.query(QUERY, undefined, { authorization: '', cookie, ...csrf });
    expect([after.status, after.headers['set-cookie'], after.body.errors![0]!.extensions!.code]).toEqual([401, CLEARED, 'UNAUTHENTICATED']);
    expect(gw.upstream()).toEqual([]);
  });

  it('a cookie-authenticated request without a CSRF header is refused, JSON POSTs included, with no upstream call', async () => {
    const { cookie } = await signIn(ADA.login);
    gw.resetUpstream();
    const response = await gw.query(QUERY, undefined, { authorization: '', cookie });
    expect(response.status).toBe(403);
    expect(response.body.errors![0]!.extensions!.code).toBe('BAD_REQUEST');
    expect(gw.upstream()).toEqual([]);
    const logout = await request(`${gw.url}/auth/logout`, { method: 'POST', headers: { cookie } });
    expect(logout.statusCode).toBe(403);
    await logout.body.dump();
    expect((await get('/auth/session', { cookie })).status).toBe(200);
  });

  it('two users of one tenant never share an execution or a call', async () => {
    const ada = (await signIn(ADA.login)).cookie;
    const bob = (await signIn(BOB.login)).cookie;
    gw.resetUpstream();
    const [a, b] = await Promise.all([
      gw.query(QUERY, undefined, { authorization: '', cookie: ada, ...csrf }),
      gw.query(QUERY, undefined, { authorization: '', cookie: bob, ...csrf }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const oids = gw.upstream().map((call) => JSON.parse(Buffer.from(call.headers.authorization!.split('.')[1]!, 'base64url').toString()).oid as string);
    expect(oids.sort()).toEqual([ADA.oid, BOB.oid].sort());
  });

  it('a forged, mangled or unknown session cookie: 401 and the cookie cleared, no upstream call', async () => {
    gw.resetUpstream();
    for (const cookie of [`${COOKIE}=${'A'.repeat(43)}`, `${COOKIE}=not-a-session`, `${COOKIE}=${'A'.repeat(43)}; ${COOKIE}=${'B'.repeat(43)}`]) {
      const response = await gw.query(QUERY, undefined, { authorization: '', cookie, ...csrf });
      expect(response.status).toBe(401);
      expect(response.headers['set-cookie']).toBe(CLEARED);
      expect(response.body.errors![0]!.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'session_invalid' });
      const session = await get('/auth/session', { cookie });
      expect([session.status, session.headers['set-cookie']]).toEqual([401, CLEARED]);
    }
    expect(gw.upstream()).toEqual([]);
  });

  it('a callback with a wrong state, a reused state, or a replayed code: 400 BAD_REQUEST, no session', async () => {
    const { callback } = await signIn(ADA.login);
    const code = new URL(callback).searchParams.get('code')!;
    const wrong = await get(`/auth/callback?code=${code}&state=not-a-state`);
    const reused = await get(callback.slice(gw.url.length));
    // A fresh sign-in's state with the old code: the provider refuses the code (used, and not this PKCE's).
    const fresh = new URL(String((await get('/auth/login')).headers.location)).searchParams.get('state')!;
    const replayed = await get(`/auth/callback?code=${code}&state=${fresh}`);
    for (const answer of [wrong, reused, replayed]) {
      expect(answer.status).toBe(400);
      expect((answer.body!.errors as { extensions: { code: string } }[])[0]!.extensions.code).toBe('BAD_REQUEST');
      expect(answer.headers['set-cookie']).toBeUndefined();
    }
  });

  it('CORS with credentials for the listed origin only', async () => {
    const preflight = await request(`${gw.url}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example.com', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-graphql-csrf' },
    });
    await preflight.body.dump();
    expect(preflight.headers['access-control-allow-origin']).toBe('https://app.example.com');
    expect(preflight.headers['access-control-allow-credentials']).toBe('true');
    // The sign-in routes too: a frontend on the listed origin asks /auth/session with credentials.
    const session = await request(`${gw.url}/auth/session`, { method: 'OPTIONS', headers: { origin: 'https://app.example.com', 'access-control-request-method': 'GET' } });
    await session.body.dump();
    expect([session.statusCode, session.headers['access-control-allow-origin'], session.headers['access-control-allow-credentials']]).toEqual([204, 'https://app.example.com', 'true']);
    const answered = await request(`${gw.url}/auth/session`, { headers: { origin: 'https://app.example.com' } });
    await answered.body.dump();
    expect([answered.statusCode, answered.headers['access-control-allow-origin'], answered.headers['access-control-allow-credentials']]).toEqual([401, 'https://app.example.com', 'true']);
    const other = await request(`${gw.url}/graphql`, { method: 'OPTIONS', headers: { origin: 'https://evil.example.com', 'access-control-request-method': 'POST' } });
    await other.body.dump();
    expect(other.headers['access-control-allow-origin']).not.toBe('https://evil.example.com');
  });
});
