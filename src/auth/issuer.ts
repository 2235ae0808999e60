import * as oidc from 'openid-client';
import { issuerFailed } from './auth-errors.js';

/** The OpenID issuer as the gateway's client: its discovery document, fetched once (again after a failure). */
export interface Issuer {
  readonly url: string;
  configuration(): Promise<oidc.Configuration>;
}

export interface IssuerOptions {
  url: string;
  /** The gateway's client id; passthrough verification has none and needs only the metadata. */
  clientId?: string;
  clientSecret?: string;
}

export function createIssuer({ url, clientId, clientSecret }: IssuerOptions): Issuer {
  let pending: Promise<oidc.Configuration> | undefined;
  const discover = () =>
    oidc.discovery(new URL(url), clientId ?? 'partner-graph', undefined, clientSecret === undefined ? oidc.None() : oidc.ClientSecretPost(clientSecret), {
      // A development issuer (the simulator's) speaks plain HTTP; a real one is https and this changes nothing.
      ...(url.startsWith('http:') ? { execute: [oidc.allowInsecureRequests] } : {}),
      timeout: 10,
    });
  return {
    url,
    configuration() {
      pending ??= discover().catch((error: unknown) => {
        pending = undefined;
        throw issuerFailed(`The identity provider's discovery document could not be read (${error instanceof Error ? error.message : 'error'}).`);
      });
      return pending;
    },
  };
}
