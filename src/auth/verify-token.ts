import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import { AppError } from '../errors.js';
import { invalidToken, issuerFailed } from './auth-errors.js';
import type { Issuer } from './issuer.js';

/** Asymmetric algorithms only: never `none`, never HS* (a shared secret would let any holder mint tokens). */
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];
/** Clock difference tolerated between the issuer and the gateway, seconds. */
const CLOCK_TOLERANCE_S = 30;

/** jose errors that are the token's fault (401); anything else (JWKS unreachable) is the issuer's (502). */
const TOKEN_FAULTS = new Set([
  errors.JWTExpired.code,
  errors.JWTClaimValidationFailed.code,
  errors.JWTInvalid.code,
  errors.JWSInvalid.code,
  errors.JWSSignatureVerificationFailed.code,
  errors.JOSEAlgNotAllowed.code,
  errors.JOSENotSupported.code,
  errors.JWKSNoMatchingKey.code,
  errors.JWKSMultipleMatchingKeys.code,
]);

export type VerifyToken = (token: string) => Promise<JWTPayload>;

/**
 * Checks a bearer token before anything is done with it: signature against the issuer's JWKS (from its
 * discovery document, cached and refreshed by jose when an unknown `kid` appears), `iss`, `aud`, `exp` and `nbf`.
 */
export function createTokenVerifier(issuer: Issuer, audience: string): VerifyToken {
  let keys: Promise<{ jwks: ReturnType<typeof createRemoteJWKSet>; iss: string }> | undefined;
  const load = async () => {
    const metadata = (await issuer.configuration()).serverMetadata();
    if (!metadata.jwks_uri) throw issuerFailed('The identity provider publishes no jwks_uri.');
    return { jwks: createRemoteJWKSet(new URL(metadata.jwks_uri), { timeoutDuration: 10_000 }), iss: metadata.issuer };
  };
  return async function verifyToken(token) {
    keys ??= load().catch((error: unknown) => {
      keys = undefined;
      throw error;
    });
    const { jwks, iss } = await keys;
    try {
      const { payload } = await jwtVerify(token, jwks, { issuer: iss, audience, algorithms: ALGORITHMS, clockTolerance: CLOCK_TOLERANCE_S, requiredClaims: ['exp'] });
      return payload;
    } catch (error) {
      if (error instanceof AppError) throw error;
      const code = (error as { code?: unknown }).code;
      if (typeof code === 'string' && TOKEN_FAULTS.has(code)) throw invalidToken(describe(error as errors.JOSEError));
      throw issuerFailed('The identity provider\'s signing keys could not be read.');
    }
  };
}

/** A short reason that names the failed check, never the token or its claims' values. */
function describe(error: errors.JOSEError): string {
  if (error instanceof errors.JWTExpired) return 'The token has expired.';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'nbf') return 'The token is not valid yet.';
    return `The token's "${error.claim}" claim is not accepted.`;
  }
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) return 'The token\'s signing algorithm is not accepted.';
  if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JWKSNoMatchingKey) return 'The token\'s signature does not verify.';
  return 'The token is malformed.';
}
