// The example in packages/core/README.md. Compiled by CI so the README cannot drift from the code.
import { cached, chain, fromValue, jsonField, type TokenSource, TokenSourceError } from '@tokenchain/core';

export async function readmeExample(primary: TokenSource): Promise<string> {
  const source = cached(
    chain(
      { fallThrough: 'not-found', timeoutMs: 5_000, observer: { logger: { warn: () => {} } } },
      jsonField(primary, 'apiKey'), // {"apiKey": "...", "endpoint": "..."}
      fromValue('a-key-for-local-development', 'local-dev'),
    ),
    { ttlMs: 15 * 60_000, refreshAheadMs: 60_000, maxStaleMs: 60 * 60_000 },
  );
  try {
    const token = await source.getToken();
    return `${token.source} ${token.secret}`; // "secretsmanager:... Secret(1a2b3c4d)": never the key
  } catch (err) {
    if (TokenSourceError.is(err)) return `${err.code} from ${err.source}`;
    throw err;
  } finally {
    source.close();
  }
}
