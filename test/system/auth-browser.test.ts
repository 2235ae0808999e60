import { setTimeout as delay } from 'node:timers/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_004_CUSTOMER_ID } from '../../src/simulator/constants.js';
import { GATEWAY_CLIENT_ID, GATEWAY_CLIENT_SECRET } from '../../src/simulator/identity-provider.js';
import { launchChromium } from '../support/browser.js';
import { ADA, useIdentity } from '../support/identity.js';

const TTL_S = 2;

const { idp, gw } = useIdentity(
  { AUTH_MODE: 'session', OIDC_CLIENT_ID: GATEWAY_CLIENT_ID, OIDC_CLIENT_SECRET: GATEWAY_CLIENT_SECRET, SESSION_SECRET: 'a-session-secret-of-at-least-32-characters', CORS_ORIGINS: 'https://app.example.com' },
  { publicUrl: true, idp: { accessTokenTtlS: TTL_S } },
);
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

/** What the page's own fetch answers: the session cookie rides along (same origin); tokens never reach the page. */
const PAGE_FETCH = async ([path, init]: [string, RequestInit]) => {
  const response = await fetch(path, init);
  return { status: response.status, body: await response.text() };
};
const graphql = (query: string): [string, RequestInit] => [
  '/graphql',
  { method: 'POST', headers: { 'content-type': 'application/json', 'x-graphql-csrf': '1' }, body: JSON.stringify({ query }) },
];

describe('signing in through the simulator\'s provider in Chromium', () => {
  it('signs in, queries with the session cookie, has its token refreshed, signs out', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${gw.url}/auth/login?returnTo=/auth/session`);
    // The provider's login form (devInteractions): any password.
    await page.locator('input[name="login"]').fill(ADA.login);
    await page.locator('input[name="password"]').fill('any');
    await page.locator('button[type="submit"]').click();
    await page.waitForURL((url) => url.href.startsWith(gw.url) || url.pathname.startsWith('/interaction/'));
    // oidc-provider asks a native (loopback) client's user to confirm once more (RFC 8252 §8.6): Continue.
    if (!page.url().startsWith(gw.url)) {
      expect(await page.locator('body').innerText()).toContain('Authorize');
      await page.locator('button[type="submit"]').click();
    }
    await page.waitForURL(`${gw.url}/auth/session`);
    expect(JSON.parse((await page.locator('body').textContent())!)).toMatchObject({ name: ADA.name, tid: ADA.tid, oid: ADA.oid });

    // Chromium took the __Host- cookie from http://127.0.0.1 (a secure context), HttpOnly so the page cannot read it.
    // (The provider on another port of the same host sets its own: cookies do not isolate ports.)
    const sessionCookies = async () => (await context.cookies(gw.url)).filter((c) => c.name.startsWith('__Host-'));
    const cookies = await sessionCookies();
    expect(cookies.map((c) => [c.name, c.path, c.httpOnly, c.secure, c.sameSite, c.domain])).toEqual([['__Host-partner-graph', '/', true, true, 'Lax', '127.0.0.1']]);
    expect(await page.evaluate(() => document.cookie)).not.toContain('partner-graph');

    const query = `{ customer(id: "${SEED_004_CUSTOMER_ID}") { companyProfile { companyName } } }`;
    gw.resetUpstream();
    const first = await page.evaluate(PAGE_FETCH, graphql(query));
    expect(first).toEqual({ status: 200, body: JSON.stringify({ data: { customer: { companyProfile: { companyName: 'Relecloud' } } } }) });

    // Past half the token's life the next query refreshes it, with the refresh token the gateway keeps.
    const refreshes = idp.grants.refresh_token ?? 0;
    await delay((TTL_S * 1000) / 2 + 100);
    const second = await page.evaluate(PAGE_FETCH, graphql(query));
    expect(second.status).toBe(200);
    expect(idp.grants.refresh_token).toBe(refreshes + 1);
    const sent = gw.upstream().map((call) => call.headers.authorization);
    expect(sent).toHaveLength(2);
    expect(sent[1]).not.toBe(sent[0]);

    const logout = await page.evaluate(PAGE_FETCH, ['/auth/logout', { method: 'POST', headers: { 'x-graphql-csrf': '1' } }] as [string, RequestInit]);
    expect(logout.status).toBe(204);
    expect(await sessionCookies()).toEqual([]);
    const after = await page.evaluate(PAGE_FETCH, graphql(query));
    expect(after.status).toBe(401);
    expect((await page.evaluate(PAGE_FETCH, ['/auth/session', {}] as [string, RequestInit])).status).toBe(401);
    await context.close();
  }, 60_000);
});
