import { mapToken } from './mapToken.js';
import type { Token, TokenSource } from './TokenSource.js';
import { TokenSourceError } from './TokenSourceError.js';
import { tokenProblem } from './tokenProblem.js';

/**
 * What a check returns: `true` or nothing when the token is fine; `false` or a reason (a string that must not quote the key)
 * when it is not.
 */
export type TokenCheck = (token: Token) => boolean | string | undefined;

/**
 * Refuses tokens that fail `check` with a `MALFORMED` `TokenSourceError` naming the source, and, before `check` sees them,
 * tokens no cache could serve (a blank key, an `expiresAt` that is an Invalid Date). If the check throws, its message
 * is kept with any occurrence of the key replaced by the key's fingerprint.
 *
 * @example
 * ```ts
 * const source = validate(fromEnv(), (t) => t.secret.reveal().startsWith('eyJ') || 'not a JWT-shaped Momento key');
 * ```
 */
export function validate(source: TokenSource, check: TokenCheck): TokenSource {
  return mapToken(source, (token) => {
    const problem = tokenProblem(token);
    if (problem !== undefined) {
      throw new TokenSourceError(`returned ${problem}`, { source: source.name, code: 'MALFORMED' });
    }
    let verdict: ReturnType<TokenCheck>;
    try {
      verdict = check(token);
    } catch (err) {
      // A TokenSourceError's message already names its source: take what went wrong, not the whole line.
      const said = TokenSourceError.is(err) ? err.detail : err instanceof Error ? err.message : undefined;
      const detail = said === undefined ? 'the check threw' : redact(said, token);
      throw new TokenSourceError(`the key failed validation: ${detail}`, { source: token.source, code: 'MALFORMED' });
    }
    if (verdict === true || verdict === undefined) return token;
    const reason = typeof verdict === 'string' ? redact(verdict, token) : 'the check returned false';
    throw new TokenSourceError(`the key failed validation: ${reason}`, { source: token.source, code: 'MALFORMED' });
  });
}

function redact(text: string, token: Token): string {
  const key = token.secret.reveal();
  return key.length > 0 ? text.split(key).join(String(token.secret)) : text;
}
