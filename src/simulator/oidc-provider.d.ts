/** The parts of oidc-provider (which ships no types) the simulator's identity provider uses. */
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export interface KoaContextWithOIDC {
    path: string;
    method: string;
    status: number;
    type: string;
    body: unknown;
    oidc: {
      params?: Record<string, unknown>;
      client?: { clientId: string; grantTypeAllowed(type: string): boolean };
      session?: { accountId?: string };
      provider: Provider;
    };
  }
  type Next = () => Promise<void>;
  export type Configuration = Record<string, unknown> & {
    features?: Record<string, unknown>;
    findAccount?: (ctx: KoaContextWithOIDC, id: string) => unknown;
    extraTokenClaims?: (ctx: KoaContextWithOIDC, token: Record<string, unknown>) => unknown;
    loadExistingGrant?: (ctx: KoaContextWithOIDC) => Promise<unknown>;
    issueRefreshToken?: (ctx: KoaContextWithOIDC, client: { grantTypeAllowed(type: string): boolean }) => boolean;
    renderError?: (ctx: KoaContextWithOIDC, out: Record<string, unknown>, error: Error) => void;
  };
  export class Grant {
    constructor(init: { clientId: string; accountId: string });
    addOIDCScope(scope: string): void;
    addOIDCClaims(claims: string[]): void;
    addResourceScope(resource: string, scope: string): void;
    save(): Promise<string>;
  }
  export default class Provider {
    constructor(issuer: string, configuration: Configuration);
    Grant: typeof Grant;
    on(event: string, listener: (ctx: KoaContextWithOIDC, ...rest: unknown[]) => void): void;
    use(middleware: (ctx: KoaContextWithOIDC, next: Next) => Promise<void>): void;
    registerGrantType(name: string, handler: (ctx: KoaContextWithOIDC, next?: Next) => Promise<void>, params?: string[]): void;
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
  }
  export const errors: {
    InvalidTarget: new (description?: string) => Error;
    InvalidRequest: new (description?: string) => Error;
    InvalidScope: new (description: string, scope: string) => Error;
    InvalidGrant: new (description?: string) => Error;
  };
}
