import { DEV_USERS, startIdentityProvider, type DevUser, type IdentityProvider, type IdentityProviderOptions } from '../../src/simulator/identity-provider.js';
import { startGateway, type StartOptions, type TestGateway } from './gateway.js';

export const [ADA, BOB, OTO] = DEV_USERS as [DevUser, DevUser, DevUser];

/** The simulator's identity provider, a strict simulator that trusts only it, and a gateway with `env`. */
export async function startWithIdentity(env: Record<string, string>, options: { idp?: IdentityProviderOptions; gateway?: StartOptions } = {}): Promise<{ idp: IdentityProvider; gw: TestGateway; close(): Promise<void> }> {
  const idp = await startIdentityProvider(options.idp);
  const gw = await startGateway({
    ...options.gateway,
    env: { OIDC_ISSUER: idp.issuer, ...env },
    simulator: { ...options.gateway?.simulator, identity: { issuer: idp.issuer, jwks: idp.jwks } },
  });
  return { idp, gw, close: async () => { await gw.close(); await idp.close(); } };
}

/** base64url of a JSON value, for hand-made (bad) tokens. */
export function segment(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}
