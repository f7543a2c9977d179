// The "Without code changes" example of the root README.md, compiled by CI; docsSync.test.ts checks the README still quotes it.
// Nothing imports this module: it is type-checked, never run.
import { secretsManagerScheme } from '@tokenchain/aws-secrets-manager';
import { defaultTokenSource } from '@tokenchain/core/config';
import { envScheme } from '@tokenchain/env';
import { createCacheClient } from '@tokenchain/momento';

// MOMENTO_TOKEN_SOURCES when it is set, else MOMENTO_API_KEY with MOMENTO_ENDPOINT. Pass the schemes it may name.
const source = defaultTokenSource({ schemes: [secretsManagerScheme, envScheme] });
const client = await createCacheClient({ source, defaultTtlSeconds: 600 });

await client.set('cache', 'code', '12345');
