// The code of docs/rotation.md (both languages), compiled by CI; docsSync.test.ts checks the pages quote it.
// Nothing imports this module: it is type-checked, never run.
import { fromSecretsManager } from '@tokenchain/aws-secrets-manager';
import type { TokenEvent } from '@tokenchain/core';
import { createCacheClient } from '@tokenchain/momento';

declare function metric(name: string, fields: Record<string, string | undefined>): void;

const cacheClient = createCacheClient({
  source: fromSecretsManager({ secretId: 'Momento_Auth_Token' }),
  defaultTtlSeconds: 600,
  observer: {
    onEvent: (event: TokenEvent) => {
      if (event.type === 'rotated') metric('momento.key.rotated', { from: event.from, to: event.to });
      if (event.type === 'warning') metric('momento.key.warning', { message: event.message });
    },
  },
});
console.log(`serving with key ${cacheClient.keyFingerprint ?? '(not fetched yet)'}`);
