import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_004_CUSTOMER_ID } from '../../src/simulator/constants.js';
import { GATEWAY_CLIENT_ID, GATEWAY_CLIENT_SECRET, startIdentityProvider, type IdentityProvider } from '../../src/simulator/identity-provider.js';
import { startGateway, type TestGateway } from '../support/gateway.js';
import { ADA, signInAtProvider } from '../support/identity.js';
import { freePort, startRedis, type RedisServer } from '../support/redis.js';

/**
 * Browser sessions across replicas: two gateways share Debian's redis-server, as replicas behind a load
 * balancer do. Sign-in starts on one, the provider's redirect lands on the other, and the session cookie then
 * works on both; signing out on one ends it on both.
 */
const QUERY = `{ customer(id: "${SEED_004_CUSTOMER_ID}") { id companyProfile { companyName } } }`;
const csrf = { 'x-graphql-csrf': '1' };

let redis: RedisServer;
let idp: IdentityProvider;
let a: TestGateway;
let b: TestGateway;

beforeAll(async () => {
  redis = await startRedis();
  idp = await startIdentityProvider();
  // Both replicas answer to one public address (the load balancer's): replica A's here.
  const port = await freePort();
  const env = {
    AUTH_MODE: 'session',
    OIDC_ISSUER: idp.issuer,
    OIDC_CLIENT_ID: GATEWAY_CLIENT_ID,
    OIDC_CLIENT_SECRET: GATEWAY_CLIENT_SECRET,
    SESSION_SECRET: 'one-session-secret-on-every-replica-0123456789',
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    CORS_ORIGINS: 'https://app.example.com',
    REDIS_URL: redis.url,
    REDIS_COMMAND_TIMEOUT_MS: '10000',
  };
  const simulator = { identity: { issuer: idp.issuer, jwks: idp.jwks } };
  a = await startGateway({ port, env, simulator });
  b = await startGateway({ env, simulator });
});

afterAll(async () => {
  await a?.close();
  await b?.close();
  await idp?.close();
  await redis?.stop();
});

async function graphql(gw: TestGateway, cookie: string) {
  const response = await fetch(`${gw.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, ...csrf }, body: JSON.stringify({ query: QUERY }) });
  return { status: response.status, body: (await response.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] } };
}

describe('AUTH_MODE=session with two replicas on one Redis', () => {
  it('a sign-in started on one replica completes on the other, and the session works on both until signed out on either', async () => {
    const start = await fetch(`${a.url}/auth/login?returnTo=/graphql`, { redirect: 'manual' });
    expect(start.status).toBe(302);
    const callback = await signInAtProvider(String(start.headers.get('location')), ADA.login, `${a.url}/auth/callback`);
    // The load balancer hands the provider's redirect to the other replica: the sign-in state is in Redis.
    const done = await fetch(`${b.url}${callback.slice(a.url.length)}`, { redirect: 'manual' });
    expect(done.status).toBe(302);
    const cookie = /^(__Host-partner-graph=[A-Za-z0-9_-]{43});/.exec(done.headers.get('set-cookie') ?? '')?.[1];
    expect(cookie).toBeDefined();

    for (const gw of [a, b]) {
      const answer = await graphql(gw, cookie!);
      expect(answer.body.errors).toBeUndefined();
      expect(answer.body.data).toEqual({ customer: { id: SEED_004_CUSTOMER_ID, companyProfile: { companyName: 'Relecloud' } } });
    }
    const session = await fetch(`${a.url}/auth/session`, { headers: { cookie: cookie! } });
    expect(session.status).toBe(200);

    const logout = await fetch(`${b.url}/auth/logout`, { method: 'POST', headers: { cookie: cookie!, ...csrf } });
    expect(logout.status).toBe(204);
    const after = await graphql(a, cookie!);
    expect([after.status, after.body.errors?.[0]?.extensions?.code]).toEqual([401, 'UNAUTHENTICATED']);
  });
});
