import { describe, expect, it } from 'vitest';
import { createSealer } from '../../src/auth/sealer.js';
import { Sessions } from '../../src/auth/session.js';
import { createIssuer } from '../../src/auth/issuer.js';
import { MemoryStore } from '../../src/state/memory-store.js';

const TOKENS = {
  access_token: 'pc-token',
  token_type: 'bearer' as const,
  expires_in: 3600,
  refresh_token: 'refresh',
  claims: () => ({ iss: 'x', sub: 'ada', aud: 'x', iat: 0, exp: 0, tid: 't1', oid: 'o1', name: 'Ada' }),
};

function sessions(now: { t: number }, secret = 'a-session-secret-of-at-least-32-characters', store = new MemoryStore(100, () => now.t)) {
  const issuer = createIssuer({ url: 'http://127.0.0.1:1' });
  return { store, sessions: new Sessions({ issuer, store, sealer: createSealer(secret, 'session'), ttlMs: 60_000, now: () => now.t }) };
}

describe('Sessions', () => {
  it('a session ends SESSION_TTL_MS after sign-in', async () => {
    const now = { t: 1_000_000 };
    const { sessions: s } = sessions(now);
    const id = await s.create(TOKENS as never);
    expect(await s.load(id)).toMatchObject({ tid: 't1', oid: 'o1', name: 'Ada', accessToken: 'pc-token' });
    now.t += 60_000;
    expect(await s.load(id)).toBeUndefined();
    await expect(s.current(id)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED', reason: 'session_invalid' } });
  });

  it('the store holds neither the session id nor a token in clear, and another secret cannot open it', async () => {
    const now = { t: 1_000_000 };
    const written: string[] = [];
    const store = new (class extends MemoryStore {
      override async set(key: string, value: string, ttlMs: number) {
        written.push(key, value);
        return super.set(key, value, ttlMs);
      }
    })(100, () => now.t);
    const { sessions: s } = sessions(now, undefined, store);
    const id = await s.create(TOKENS as never);
    expect(written).toHaveLength(2);
    for (const text of written) {
      for (const secret of [id, 'pc-token', 'refresh', 'Ada']) expect(text).not.toContain(secret);
    }
    const { sessions: other } = sessions(now, 'another-secret-of-at-least-32-characters!!', store);
    expect(await other.load(id)).toBeUndefined();
    expect(await s.load(id)).toMatchObject({ oid: 'o1' });
  });
});
