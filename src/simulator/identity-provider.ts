/**
 * An OpenID provider for development and tests (oidc-provider): a dev user per simulated partner tenant, the
 * gateway registered as a client (code flow with PKCE, refresh tokens, the on-behalf-of grant), and access
 * tokens as JWTs for the Partner Center audience carrying `tid` and `oid`, as Entra ID issues them. The
 * simulator in strict mode (`identity` option) accepts only these tokens.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLocalJWKSet, exportJWK, generateKeyPair, jwtVerify, SignJWT, type JSONWebKeySet, type JWK } from 'jose';
import Provider, { errors, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { DEFAULT_PARTNER_ID, OTHER_PARTNER_ID } from './constants.js';

export const PARTNER_CENTER_AUDIENCE = 'https://api.partnercenter.microsoft.com';
export const PARTNER_CENTER_SCOPE = `${PARTNER_CENTER_AUDIENCE}/user_impersonation`;
/** The gateway as registered at the provider (AUTH_MODE=obo's AUTH_AUDIENCE is its app id URI). */
export const GATEWAY_CLIENT_ID = 'partner-graph';
export const GATEWAY_CLIENT_SECRET = 'partner-graph-dev-secret-not-for-production';
export const GATEWAY_AUDIENCE = 'api://partner-graph';
const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

export interface DevUser {
  /** What to type in the provider's login form (any password). */
  readonly login: string;
  readonly name: string;
  /** The partner tenant: the simulator's partner id. */
  readonly tid: string;
  readonly oid: string;
}

/** Two users of the default partner (to prove they never share), one of the other. */
export const DEV_USERS: readonly DevUser[] = [
  { login: 'ada', name: 'Ada Admin', tid: DEFAULT_PARTNER_ID, oid: '0a0d0a00-1111-4111-8111-000000000001' },
  { login: 'bob', name: 'Bob Billing', tid: DEFAULT_PARTNER_ID, oid: '0b0b0b00-2222-4222-8222-000000000002' },
  { login: 'oto', name: 'Oto Other', tid: OTHER_PARTNER_ID, oid: '0c0c0c00-3333-4333-8333-000000000003' },
];

/** What the provider's token endpoint answers instead of a token, for tests of the gateway's failure paths. */
export type GrantFailure = 'invalid_grant' | 'interaction_required' | 'server_error';

export interface IdentityProviderOptions {
  /** Lifetime of Partner Center access tokens, seconds. Default 3600. */
  accessTokenTtlS?: number;
  /** Redirect URIs of the gateway client; any loopback port is accepted (RFC 8252). Default http://localhost/auth/callback, http://127.0.0.1/auth/callback. */
  redirectUris?: string[];
}

export interface IdentityProvider {
  /** The issuer URL (no trailing slash): OIDC_ISSUER. */
  readonly issuer: string;
  /** The public signing keys: what the simulator's strict mode verifies with. */
  readonly jwks: JSONWebKeySet;
  /** A token as the provider signs them, for tests: Partner Center audience unless told, lifetime `ttlS`. */
  issueToken(user: DevUser, options?: { audience?: string; ttlS?: number; claims?: Record<string, unknown> }): Promise<string>;
  /** Makes the token endpoint refuse every grant with `failure` until called again without one. */
  failGrants(failure?: GrantFailure): void;
  /** Token endpoint requests answered, by grant type. */
  readonly grants: Readonly<Record<string, number>>;
  close(): Promise<void>;
}

export async function startIdentityProvider(options: IdentityProviderOptions = {}, port = 0, host = '127.0.0.1'): Promise<IdentityProvider> {
  const ttlS = options.accessTokenTtlS ?? 3600;
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = randomUUID();
  const privateJwk: JWK = { ...(await exportJWK(privateKey)), kid, alg: 'RS256', use: 'sig' };
  const jwks: JSONWebKeySet = { keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' }] };
  let failure: GrantFailure | undefined;
  const grants: Record<string, number> = {};

  let handler: ((req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void) | undefined;
  const server = createServer((req, res) => (handler ? handler(req, res) : res.writeHead(503).end()));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const issuer = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;

  const sign = (user: DevUser, audience: string, lifetimeS: number, claims: Record<string, unknown> = {}) => {
    const now = Math.floor(Date.now() / 1000);
    // `claims` last: tests replace any of them (iss, nbf …) to make the bad tokens a gateway must refuse.
    const payload = { iss: issuer, aud: audience, sub: user.login, iat: now, exp: now + lifetimeS, jti: randomUUID(), tid: user.tid, oid: user.oid, scp: 'user_impersonation', ...claims };
    return new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' }).sign(privateKey);
  };

  const provider = new Provider(issuer, configuration({ privateJwk, ttlS, redirectUris: options.redirectUris }));
  provider.on('grant.success', (ctx: KoaContextWithOIDC) => {
    const type = String(ctx.oidc.params?.grant_type ?? 'unknown');
    grants[type] = (grants[type] ?? 0) + 1;
  });
  // A provider bug should be seen, not guessed at from "server_error".
  provider.on('server_error', (_ctx, error) => process.stderr.write(`identity provider: ${String((error as Error)?.stack ?? error)}\n`));
  // Failures a test asks for, before any grant runs.
  provider.use(async (ctx, next) => {
    if (failure && ctx.path === '/token' && ctx.method === 'POST') {
      ctx.status = failure === 'server_error' ? 500 : 400;
      ctx.body = { error: failure, error_description: 'refused for the test' };
      return;
    }
    await next();
  });
  registerOnBehalfOf(provider, issuer, jwks, ttlS, (user) => sign(user, PARTNER_CENTER_AUDIENCE, ttlS));
  handler = provider.callback();

  return {
    issuer,
    jwks,
    issueToken: (user, o = {}) => sign(user, o.audience ?? PARTNER_CENTER_AUDIENCE, o.ttlS ?? ttlS, o.claims),
    failGrants: (next) => {
      failure = next;
    },
    grants,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function configuration({ privateJwk, ttlS, redirectUris }: { privateJwk: JWK; ttlS: number; redirectUris: string[] | undefined }): Configuration {
  const userOf = (id: string) => DEV_USERS.find((user) => user.login === id);
  const resourceServer = { scope: PARTNER_CENTER_SCOPE, audience: PARTNER_CENTER_AUDIENCE, accessTokenTTL: ttlS, accessTokenFormat: 'jwt' as const, jwt: { sign: { alg: 'RS256' } } };
  return {
    clients: [
      {
        client_id: GATEWAY_CLIENT_ID,
        client_secret: GATEWAY_CLIENT_SECRET,
        // native: a loopback redirect URI matches on any port (RFC 8252 §7.3), so tests on port 0 need no registration.
        application_type: 'native',
        redirect_uris: redirectUris ?? ['http://localhost/auth/callback', 'http://127.0.0.1/auth/callback'],
        grant_types: ['authorization_code', 'refresh_token', JWT_BEARER],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    jwks: { keys: [privateJwk] },
    cookies: { keys: ['partner-graph simulator cookies, development only'] },
    pkce: { required: () => true },
    scopes: ['openid', 'profile', 'offline_access'],
    claims: { openid: ['sub'], profile: ['name', 'tid', 'oid'] },
    // ID tokens carry name, tid and oid (Entra ID's do).
    conformIdTokenClaims: false,
    ttl: { AccessToken: ttlS, IdToken: 3600, RefreshToken: 24 * 3600, AuthorizationCode: 60, Interaction: 600, Session: 24 * 3600, Grant: 24 * 3600 },
    features: {
      devInteractions: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => PARTNER_CENTER_AUDIENCE,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx: unknown, resource: string) => {
          if (resource !== PARTNER_CENTER_AUDIENCE) throw new errors.InvalidTarget();
          return resourceServer;
        },
      },
    },
    findAccount: (_ctx, id) => {
      const user = userOf(id);
      return user ? { accountId: id, claims: () => ({ sub: id, name: user.name, tid: user.tid, oid: user.oid }) } : undefined;
    },
    extraTokenClaims: (_ctx, token) => {
      const user = typeof token.accountId === 'string' ? userOf(token.accountId) : undefined;
      return user ? { tid: user.tid, oid: user.oid } : undefined;
    },
    // First-party dev client: consent is implied, so signing in is the login form only.
    loadExistingGrant: async (ctx) => {
      const accountId = ctx.oidc.session?.accountId;
      if (!accountId || !ctx.oidc.client) return undefined;
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId });
      grant.addOIDCScope('openid profile offline_access');
      grant.addOIDCClaims(['name', 'tid', 'oid']);
      grant.addResourceScope(PARTNER_CENTER_AUDIENCE, PARTNER_CENTER_SCOPE);
      await grant.save();
      return grant;
    },
    issueRefreshToken: (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    renderError: (ctx, out) => {
      ctx.type = 'html';
      ctx.body = `<!doctype html><title>Sign-in error</title><h1>${escapeHtml(String(out.error))}</h1><p>${escapeHtml(String(out.error_description ?? ''))}</p>`;
    },
  };
}

/** The on-behalf-of grant: a token the provider issued for the gateway becomes one for Partner Center. */
function registerOnBehalfOf(provider: Provider, issuer: string, jwks: JSONWebKeySet, ttlS: number, issue: (user: DevUser) => Promise<string>): void {
  const keys = createLocalJWKSet(jwks);
  provider.registerGrantType(
    JWT_BEARER,
    async (ctx, next) => {
      const params = ctx.oidc.params as Record<string, string | undefined>;
      if (params.requested_token_use !== 'on_behalf_of') throw new errors.InvalidRequest('requested_token_use must be on_behalf_of');
      if (params.scope?.split(' ').includes(PARTNER_CENTER_SCOPE) !== true) throw new errors.InvalidScope('only the Partner Center scope is offered', PARTNER_CENTER_SCOPE);
      let user: DevUser | undefined;
      try {
        const { payload } = await jwtVerify(params.assertion ?? '', keys, { issuer, audience: GATEWAY_AUDIENCE, algorithms: ['RS256'] });
        user = DEV_USERS.find((candidate) => candidate.oid === payload.oid);
      } catch {
        user = undefined;
      }
      if (!user) throw new errors.InvalidGrant('the assertion is not a valid token for the gateway');
      ctx.body = { access_token: await issue(user), token_type: 'Bearer', expires_in: ttlS, scope: PARTNER_CENTER_SCOPE };
      await next?.();
    },
    ['assertion', 'requested_token_use', 'scope'],
  );
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
