/** A GraphQL response body, or a response holding one (the harness's `{ status, body }`). */
type Answer = { data?: unknown; errors?: readonly unknown[] } | { status?: number; body: { data?: unknown; errors?: readonly unknown[] } };

/**
 * The data of an answer that must have succeeded. Errors (or no data) fail here, printed whole, so a failure
 * shows its code instead of a TypeError on a null field further on.
 */
export function dataOf<T = Record<string, any>>(answer: Answer): T {
  const body = 'body' in answer ? answer.body : answer;
  const status = 'body' in answer && answer.status !== undefined ? `status ${answer.status}, ` : '';
  if (body.errors !== undefined || body.data === undefined || body.data === null) {
    throw new Error(`expected data without errors, got ${status}${JSON.stringify({ errors: body.errors, data: body.data }).slice(0, 4000)}`);
  }
  return body.data as T;
}
