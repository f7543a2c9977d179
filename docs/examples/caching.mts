// The code of docs/caching.md (both languages), compiled by CI; docsSync.test.ts checks the pages quote it.
// Nothing imports this module: it is type-checked, never run.
import { fromSecretsManager } from '@tokenchain/aws-secrets-manager';
import { cached } from '@tokenchain/core';
import { fromEnv } from '@tokenchain/env';

declare function metric(name: string, fields: Record<string, string | number>): void;

const source = cached(fromSecretsManager({ secretId: 'Momento_Auth_Token' }), {
  ttlMs: 30 * 60_000,
  observer: {
    onEvent: (event) => {
      if (event.type === 'refresh-failed') metric('momento.key.refresh_failed', { code: event.code });
      if (event.type === 'stale-served') metric('momento.key.stale_served', { ageMs: event.ageMs });
    },
    logger: console,
  },
});
const token = await source.getToken(); // fetched once; later calls are served from memory
console.log(`using key ${token.secret}`);

// cached() used to take `onEvent` and `logger` flat in its options: they still work, deprecated; `observer` wins over them.
const legacy = cached(fromEnv(), { onEvent: (event) => metric('momento.key.event', { type: event.type }) });
await legacy.getToken();
