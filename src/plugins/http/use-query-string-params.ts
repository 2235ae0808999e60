import { ErrorCode, refusalError } from '../../errors.js';
import type { RequestParsePayload } from './use-request-checks.js';

/**
 * GraphQL over GET carries `variables` and `extensions` as JSON in the query string. yoga lets the
 * JSON.parse SyntaxError of a malformed one escape as an unexpected error; it is the caller's
 * mistake, so it is answered here as 400 BAD_REQUEST before yoga parses the request (a use-request-checks check).
 */
export function checkQueryStringParams({ request, url }: RequestParsePayload): void {
  if (request.method !== 'GET') return;
  for (const name of ['variables', 'extensions']) {
    const value = url.searchParams.get(name);
    if (value === null || value === '') continue;
    try {
      JSON.parse(value);
    } catch {
      throw refusalError(ErrorCode.BAD_REQUEST, `The "${name}" query parameter must be JSON.`);
    }
  }
}
