// docs/ja/errors.md のコードの日本語版: コメントだけを日本語にしたもので、コードは errorCodes.mts と同じです (docsSync.test.ts が
// コメントを除いて比べます)。CI で型検査されます。
import { fromSecretsManager } from '@tokenchain/aws-secrets-manager';
import { chain, TokenChainError, type TokenErrorCode, TokenSourceError } from '@tokenchain/core';
import { fromEnv } from '@tokenchain/env';

declare const logger: { error(message: string, details: object): void };
const source = chain(fromSecretsManager({ secretId: 'Momento_Auth_Token' }), fromEnv());

// 後で再試行する価値のあるコード (ストアが混んでいるか落ちている)。ほかのコードは人の対応が必要です。
const TRANSIENT: ReadonlySet<TokenErrorCode> = new Set(['THROTTLED', 'UNAVAILABLE', 'TIMEOUT']);

try {
  await source.getToken();
} catch (err) {
  if (!TokenSourceError.is(err)) throw err;
  if (TokenChainError.is(err)) for (const attempt of err.attempts) logger.error(attempt.source, attempt);
  logger.error(`no Momento key from ${err.source}: ${err.code}`, { retry: TRANSIENT.has(err.code) });
}
