/** What a call on a closed client rejects with: an `Error` named `ClientClosedError`. */
export function clientClosedError(name: string): Error {
  const error = new Error(`${name} is closed`);
  error.name = 'ClientClosedError';
  return error;
}
