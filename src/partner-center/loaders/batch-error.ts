/** A thrown value as one key's result of a batch function: DataLoader rejects that key alone with an Error. */
export function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
