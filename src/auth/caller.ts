import { hash } from 'node:crypto';

/**
 * Who is asking, made once per request (use-authentication) and read-only after: what logs, spans, both
 * single-flights, kept results and the partner budget key by, and what is sent to Partner Center.
 */
export interface Caller {
  /** The partner tenant, when a token was verified. */
  readonly tid?: string;
  /** The user (or app) object id in that tenant, when a token was verified. */
  readonly oid?: string;
  /** Stable identity: `tid/oid` when verified, else the sha256 of the token (base64url). Never the token. */
  readonly key: string;
  /** The budget's partner: the tid when known, else the token hash. */
  readonly partnerKey: string;
  /** The Authorization header sent to Partner Center (`Bearer …`). Never logged. */
  readonly authorization: string;
  /**
   * What in-process single-flights key by: the identity plus the upstream token itself, so two tokens of one
   * user never share either (a token, not a hash: these keys live only in memory while the request runs).
   */
  readonly flightKey: string;
  /** Fields for every log line and span of the request: tid/oid, or a short token hash. No names, no tokens. */
  readonly bindings: Readonly<Record<string, string>>;
}

export function tokenHash(token: string): string {
  return hash('sha256', token, 'base64url');
}

/** A caller known only by its token (passthrough without verification). */
export function unverifiedCaller(authorization: string): Caller {
  const hash = tokenHash(authorization);
  return { key: hash, partnerKey: hash, authorization, flightKey: authorization, bindings: { caller: hash.slice(0, 16) } };
}

/** A caller whose token (or session) was verified: `tid`/`oid` from its claims, `authorization` to send upstream. */
export function verifiedCaller(identity: { tid: string | undefined; oid: string }, authorization: string): Caller {
  const key = `${identity.tid ?? ''}/${identity.oid}`;
  return {
    ...(identity.tid ? { tid: identity.tid } : {}),
    oid: identity.oid,
    key,
    partnerKey: identity.tid ?? tokenHash(authorization),
    authorization,
    flightKey: `${key} ${authorization}`,
    bindings: identity.tid ? { tid: identity.tid, oid: identity.oid } : { oid: identity.oid },
  };
}

/** The identity claims of a verified token: Entra ID's `tid` and `oid` (`sub` when a token has no `oid`). */
export function identityOf(claims: Record<string, unknown>): { tid: string | undefined; oid: string } | undefined {
  const tid = typeof claims.tid === 'string' && claims.tid !== '' ? claims.tid : undefined;
  const oid = typeof claims.oid === 'string' && claims.oid !== '' ? claims.oid : typeof claims.sub === 'string' && claims.sub !== '' ? claims.sub : undefined;
  return oid === undefined ? undefined : { tid, oid };
}
