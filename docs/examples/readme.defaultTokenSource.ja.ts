// README.ja.md の「コードを変えずに」の例の日本語版: コメントだけを日本語にしたもので、コードは readme.defaultTokenSource.ts と同じです (docsSync.test.ts が
// コメントを除いて比べます)。CI で型検査されます。
import { secretsManagerScheme } from '@tokenchain/aws-secrets-manager';
import { defaultTokenSource } from '@tokenchain/core/config';
import { envScheme } from '@tokenchain/env';
import { createCacheClient } from '@tokenchain/momento';

// MOMENTO_TOKEN_SOURCES があればそれを、なければ MOMENTO_API_KEY と MOMENTO_ENDPOINT を使います。使うかもしれないスキームを渡します。
const source = defaultTokenSource({ schemes: [secretsManagerScheme, envScheme] });
const client = await createCacheClient({ source, defaultTtlSeconds: 600 });

await client.set('cache', 'code', '12345');
