import * as oidc from 'openid-client';
import type { SharedStore } from '../state/shared-store.js';
import { grantRefused, issuerFailed, sessionRefused } from './auth-errors.js';
import { identityOf, tokenHash } from './caller.js';
import type { Issuer } from './issuer.js';
import type { Sealer } from './sealer.js';
import { newSessionId } from './session-cookie.js';

/** Refresh the Partner Center token when it has less than this left (or less than half its lifetime, if shorter). */
export const REFRESH_MARGIN_MS = 60_000;
/** The longest one refresh may hold its session's lock (across replicas). */
const REFRESH_LOCK_MS = 30_000;

/** What the store holds for one session, encrypted. Only ever read and written by this module. */
export interface SessionRecord {
  readonly tid: string | undefined;
  readonly oid: string;
  /** The ID token's `name`: answered by GET /auth/session, never logged. */
  readonly name: string | undefined;
  readonly accessToken: string;
  readonly accessExpiresAt: number;
  /** When that token was obtained: a short-lived token is refreshed at half its life, not always. */
  readonly accessIssuedAt: number;
  readonly refreshToken: string | undefined;
  /** The session's end (sign-in + SESSION_TTL_MS); refreshes never extend it. */
  readonly expiresAt: number;
}

export interface SessionsOptions {
  issuer: Issuer;
  store: SharedStore;
  sealer: Sealer;
  ttlMs: number;
  now?: () => number;
}

/** Server-side sessions of AUTH_MODE=session: tokens stay here; the browser holds a random id. */
export class Sessions {
  readonly #issuer: Issuer;
  readonly #store: SharedStore;
  readonly #sealer: Sealer;
  readonly #ttlMs: number;
  readonly #now: () => number;

  constructor({ issuer, store, sealer, ttlMs, now = Date.now }: SessionsOptions) {
    this.#issuer = issuer;
    this.#store = store;
    this.#sealer = sealer;
    this.#ttlMs = ttlMs;
    this.#now = now;
  }

  get ttlMs(): number {
    return this.#ttlMs;
  }

  /** Stores a new session from a code exchange whose ID token openid-client has validated; returns its id. */
  async create(tokens: oidc.TokenEndpointResponse & oidc.TokenEndpointResponseHelpers): Promise<string> {
    const claims = tokens.claims();
    const identity = claims ? identityOf(claims) : undefined;
    if (!identity) throw issuerFailed('The identity provider\'s ID token names no user.');
    const now = this.#now();
    const record: SessionRecord = {
      ...identity,
      name: typeof claims?.name === 'string' ? claims.name : undefined,
      accessToken: tokens.access_token,
      accessExpiresAt: now + (tokens.expires_in ?? 0) * 1000,
      accessIssuedAt: now,
      refreshToken: tokens.refresh_token,
      expiresAt: now + this.#ttlMs,
    };
    const id = newSessionId();
    await this.#save(id, record);
    return id;
  }

  /** The session, or undefined when unknown, over, or not sealed with this secret. */
  async load(id: string): Promise<SessionRecord | undefined> {
    const stored = await this.#store.get(storeKey(id));
    const record = stored === undefined ? undefined : await this.#sealer.open<SessionRecord>(stored);
    return record && record.expiresAt > this.#now() ? record : undefined;
  }

  /**
   * The session with a Partner Center token good for at least REFRESH_MARGIN_MS: refreshed with the refresh token
   * when needed, one refresh per session at a time across replicas (the others wait and read its result).
   */
  async current(id: string): Promise<SessionRecord> {
    const record = await this.load(id);
    if (!record) throw sessionRefused('session_invalid', 'The session is unknown or has ended: sign in again at /auth/login.');
    if (this.#fresh(record)) return record;
    return this.#store.withLock(`session-refresh:${tokenHash(id)}`, REFRESH_LOCK_MS, async () => {
      const latest = await this.load(id);
      if (!latest) throw sessionRefused('session_invalid', 'The session is unknown or has ended: sign in again at /auth/login.');
      if (this.#fresh(latest)) return latest;
      return this.#refresh(id, latest);
    });
  }

  #fresh(record: SessionRecord): boolean {
    const margin = Math.min(REFRESH_MARGIN_MS, (record.accessExpiresAt - record.accessIssuedAt) / 2);
    return record.accessExpiresAt - margin > this.#now();
  }

  async end(id: string): Promise<void> {
    await this.#store.delete(storeKey(id));
  }

  async #refresh(id: string, record: SessionRecord): Promise<SessionRecord> {
    if (!record.refreshToken) {
      await this.end(id);
      throw sessionRefused('session_expired', 'The session\'s Partner Center token expired: sign in again at /auth/login.');
    }
    let tokens: oidc.TokenEndpointResponse;
    try {
      tokens = await oidc.refreshTokenGrant(await this.#issuer.configuration(), record.refreshToken);
    } catch (error) {
      if (error instanceof oidc.ResponseBodyError && (error.error === 'invalid_grant' || error.error === 'interaction_required')) {
        await this.end(id);
        throw grantRefused(error.error, 'The identity provider refused to refresh the session: sign in again at /auth/login.');
      }
      throw issuerFailed('Refreshing the session\'s Partner Center token failed.');
    }
    const refreshed: SessionRecord = {
      ...record,
      accessToken: tokens.access_token,
      accessExpiresAt: this.#now() + (tokens.expires_in ?? 0) * 1000,
      accessIssuedAt: this.#now(),
      // Issuers that rotate refresh tokens send a new one; the others keep the old one valid.
      refreshToken: tokens.refresh_token ?? record.refreshToken,
    };
    await this.#save(id, refreshed);
    return refreshed;
  }

  async #save(id: string, record: SessionRecord): Promise<void> {
    const ttl = record.expiresAt - this.#now();
    if (ttl > 0) await this.#store.set(storeKey(id), await this.#sealer.seal(record), ttl);
  }
}

/** The store never sees a session id: a leaked store dump cannot be replayed as cookies. */
function storeKey(id: string): string {
  return `session:${tokenHash(id)}`;
}
