import { createServer, type AddressInfo } from 'node:net';
import { DEV_USERS, startIdentityProvider, type DevUser, type IdentityProvider, type IdentityProviderOptions } from '../../src/simulator/identity-provider.js';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startGateway, type StartOptions, type TestGateway } from './gateway.js';
import { startedBy } from './shared-gateway.js';

export const [ADA, BOB, OTO] = DEV_USERS as [DevUser, DevUser, DevUser];

/** The simulator's identity provider, a strict simulator that trusts only it, and a gateway with `env`. */
export async function startWithIdentity(env: Record<string, string>, options: { idp?: IdentityProviderOptions; gateway?: StartOptions; publicUrl?: boolean } = {}): Promise<{ idp: IdentityProvider; gw: TestGateway; close(): Promise<void> }> {
  const idp = await startIdentityProvider(options.idp);
  // PUBLIC_URL must be the gateway's own address, known before it starts: a port the system just handed out.
  const port = options.publicUrl ? await freePort() : 0;
  const gw = await startGateway({
    ...options.gateway,
    port,
    env: { OIDC_ISSUER: idp.issuer, ...(options.publicUrl ? { PUBLIC_URL: `http://127.0.0.1:${port}` } : {}), ...env },
    simulator: { ...options.gateway?.simulator, identity: { issuer: idp.issuer, jwks: idp.jwks } },
  });
  return { idp, gw, close: async () => { await gw.close(); await idp.close(); } };
}

type IdentityOptions = NonNullable<Parameters<typeof startWithIdentity>[1]>;

/** startWithIdentity for a whole test file, as useGateway: started before its tests, closed after, upstream log reset before each. */
export function useIdentity(env: Record<string, string>, options: IdentityOptions = {}): { idp: IdentityProvider; gw: TestGateway } {
  let started: Awaited<ReturnType<typeof startWithIdentity>> | undefined;
  beforeAll(async () => {
    started = await startWithIdentity(env, options);
  });
  afterAll(() => started?.close());
  beforeEach(() => started?.gw.resetUpstream());
  return { idp: startedBy(() => started?.idp, 'identity provider'), gw: startedBy(() => started?.gw, 'gateway') };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** base64url of a JSON value, for hand-made (bad) tokens. */
export function segment(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/**
 * Signs `login` in at the provider as a browser would, without one: follows its redirects with a cookie jar and
 * fills its login form (and any consent form), up to the redirect back to the gateway; returns that callback URL.
 */
export async function signInAtProvider(authorizationUrl: string, login: string, callbackPrefix: string): Promise<string> {
  const jar = new Map<string, string>();
  const cookieHeader = () => [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
  const remember = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      jar.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
    }
  };
  let url = authorizationUrl;
  let init: RequestInit = { method: 'GET' };
  for (let step = 0; step < 12; step += 1) {
    const response = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), cookie: cookieHeader() } });
    remember(response);
    const location = response.headers.get('location');
    if (location) {
      const next = new URL(location, url).href;
      await response.body?.cancel();
      if (next.startsWith(callbackPrefix)) return next;
      url = next;
      init = { method: 'GET' };
      continue;
    }
    const html = await response.text();
    const form = /<form[^>]*action="([^"]+)"[^>]*method="post"/i.exec(html);
    if (!form) throw new Error(`the provider answered ${response.status} without a form: ${html.slice(0, 300)}`);
    const fields = new URLSearchParams();
    for (const input of html.matchAll(/<input[^>]*name="([^"]+)"[^>]*>/gi)) {
      const name = input[1]!;
      const value = /value="([^"]*)"/.exec(input[0])?.[1];
      fields.set(name, name === 'login' ? login : name === 'password' ? 'any' : (value ?? ''));
    }
    url = new URL(form[1]!.replace(/&amp;/g, '&'), url).href;
    init = { method: 'POST', body: fields.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } };
  }
  throw new Error('the sign-in did not come back to the gateway');
}
