import { describe, expect, it } from 'vitest';
import { createAuthenticator } from '../../src/auth/authenticator.js';
import { loadConfig } from '../../src/config.js';
import { MemoryStore } from '../../src/state/memory-store.js';

const passthrough = () => createAuthenticator(loadConfig({ PARTNER_CENTER_URL: 'http://pc.test' }).auth, new MemoryStore());
const withAuthorization = (value?: string) => new Request('http://gateway.test/graphql', { method: 'POST', headers: value ? { authorization: value } : {} });

describe('passthrough authenticator without an issuer', () => {
  it('answers at once, with no promise for yoga to wait on: a caller for a bearer token, none without one', () => {
    const authenticator = passthrough();
    const answered = authenticator.authenticate(withAuthorization('Bearer token-1'));
    expect(answered).not.toBeInstanceOf(Promise);
    expect('caller' in answered && answered.caller?.authorization).toBe('Bearer token-1');
    expect(authenticator.authenticate(withAuthorization())).toEqual({ caller: undefined });
    expect(authenticator.authenticate(withAuthorization('Basic dXNlcjpwYXNz'))).toEqual({ caller: undefined });
  });
});
