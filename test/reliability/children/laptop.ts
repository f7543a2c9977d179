// The chain the docs recommend for Lambda, run as on a laptop: the parent gives this process no AWS_* variables but the
// ones a case needs, HOME an empty directory (no ~/.aws) and the instance metadata address turned off. It prints the
// outcome as one line of JSON, never the key.
import { fromSecretsManager } from '@tokenchain/aws-secrets-manager';
import { chain, type TokenEvent, TokenSourceError } from '@tokenchain/core';
import { fromEnv } from '@tokenchain/env';

const events: TokenEvent[] = [];
const source = chain(
  { observer: { onEvent: (e) => events.push(e) } },
  fromSecretsManager({ secretId: 'Momento_Auth_Token' }),
  fromEnv(),
);
const fallbacks = () => events.flatMap((e) => (e.type === 'fallback' ? [e.reason] : []));

try {
  const token = await source.getToken();
  process.stdout.write(`${JSON.stringify({ outcome: 'token', source: token.source, fallbacks: fallbacks() })}\n`);
} catch (err) {
  const {
    code,
    source: failed,
    message,
  } = TokenSourceError.is(err) ? err : { code: 'not a TokenSourceError', source: '', message: '' };
  process.stdout.write(
    `${JSON.stringify({ outcome: 'error', code, source: failed, message, fallbacks: fallbacks() })}\n`,
  );
}
