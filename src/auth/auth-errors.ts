import { ErrorCode, refusalError } from '../errors.js';

/** Why a caller was refused, in `extensions.reason`: stable values clients may match on. */
export type AuthFailureReason =
  | 'invalid_token'
  | 'invalid_grant'
  | 'interaction_required'
  | 'session_missing'
  | 'session_invalid'
  | 'session_expired';

/** A bearer token that failed verification (RFC 6750 §3.1): 401 with `error="invalid_token"`. */
export const invalidToken = (message: string) =>
  refusalError(ErrorCode.UNAUTHENTICATED, message, {
    reason: 'invalid_token',
    http: { headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' } },
  });

/** The issuer refused to exchange the token (obo) or refresh the session: the user must sign in again. */
export const grantRefused = (reason: 'invalid_grant' | 'interaction_required', message: string) =>
  refusalError(ErrorCode.UNAUTHENTICATED, message, {
    reason,
    http: { headers: { 'WWW-Authenticate': `Bearer error="invalid_token"` } },
  });

/** No session, or one that is forged, unknown or over: 401, and the cookie is cleared (use-authentication). */
export const sessionRefused = (reason: 'session_missing' | 'session_invalid' | 'session_expired', message: string) =>
  refusalError(ErrorCode.UNAUTHENTICATED, message, { reason, http: { headers: { 'WWW-Authenticate': 'Cookie' } } });

/** The issuer could not be reached or answered wrongly: not the caller's fault. */
export const issuerFailed = (message: string) => refusalError(ErrorCode.UPSTREAM_ERROR, message);

/** A cookie-authenticated request without a header that forces a CORS preflight. */
export const csrfHeaderMissing = () =>
  refusalError(ErrorCode.BAD_REQUEST, 'Required CSRF header(s) not present', {}, 'csrf');
