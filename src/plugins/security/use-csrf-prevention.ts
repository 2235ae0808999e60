import { ErrorCode, refusalError } from '../../errors.js';
import type { RequestCheck } from '../http/use-request-checks.js';

/** Content types a browser may POST cross-site without a preflight (an HTML form's, or text). */
const SIMPLE_CONTENT_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

/**
 * CSRF prevention as yoga's plugin does it (a use-request-checks check): a request a browser could send cross-site
 * without a CORS preflight (any GET, a POST with a form or text body) must carry one of `headers`, which no browser
 * sends cross-site without the server's consent. A GET that carries only a persisted query's hash runs an operation
 * too, with whatever credentials come with it, so it needs the header as well. The refusal names the header to
 * add, as a client author (urql's persisted-queries exchange sends GETs) needs to read.
 */
export function csrfPrevention(headers: readonly string[]): RequestCheck {
  const [first, ...others] = headers;
  const message = `This request could come from another site. Add the header "${first}: 1" (or ${others.join(', ')}) to GET and simple POST requests.`;
  return ({ request }) => {
    const contentType = request.headers.get('content-type')?.toLowerCase();
    if (contentType && !SIMPLE_CONTENT_TYPES.some((simple) => contentType.startsWith(simple))) return;
    if (headers.some((name) => request.headers.has(name))) return;
    throw refusalError(ErrorCode.BAD_REQUEST, message, {}, 'csrf');
  };
}
