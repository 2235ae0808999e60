import { AppError, ErrorCode } from '../errors.js';

/**
 * An id Partner Center sent that cannot be used to look anything up (it could not be a path segment).
 * Nulls only the field that needed it, with an UPSTREAM_ERROR naming the property, and makes no call.
 */
export function unusableReference(field: string, value: unknown): AppError {
  return new AppError(ErrorCode.UPSTREAM_ERROR, `Partner Center sent a ${field} that cannot be looked up.`, {
    field,
    upstream: { value: typeof value === 'string' ? value.slice(0, 64) : typeof value },
  });
}
