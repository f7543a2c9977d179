import type { Token } from './TokenSource.js';

/** A defence against custom sources that return something other than a token with a non-blank key. */
export function isUsableToken(token: unknown): token is Token {
  const secret = (token as Token | undefined)?.secret;
  return typeof secret?.reveal === 'function' && secret.reveal().trim().length > 0;
}
