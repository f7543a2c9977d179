// The code of docs/errors.md (both languages), compiled by CI; docsSync.test.ts checks the pages quote it.
// Nothing imports this module: it is type-checked, never run.
import { fromSecretsManager } from '@tokenchain/aws-secrets-manager';
import { chain, TokenChainError, type TokenErrorCode, TokenSourceError } from '@tokenchain/core';
import { fromEnv } from '@tokenchain/env';

declare const logger: { error(message: string, details: object): void };
const source = chain(fromSecretsManager({ secretId: 'Momento_Auth_Token' }), fromEnv());

// Codes worth retrying later (the store is busy or down); every other code needs a person.
const TRANSIENT: ReadonlySet<TokenErrorCode> = new Set(['THROTTLED', 'UNAVAILABLE', 'TIMEOUT']);

try {
  await source.getToken();
} catch (err) {
  if (!TokenSourceError.is(err)) throw err;
  if (TokenChainError.is(err)) for (const attempt of err.attempts) logger.error(attempt.source, attempt);
  logger.error(`no Momento key from ${err.source}: ${err.code}`, { retry: TRANSIENT.has(err.code) });
}
