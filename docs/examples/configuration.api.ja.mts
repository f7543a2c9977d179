// docs/ja/configuration.md のコードの日本語版: コメントだけを日本語にしたもので、コードは configuration.api.mts と同じです
// (japaneseTwins.test.ts がコメントを除いて比べます)。CI で型検査されますが、どこからもインポートされず、実行もされません。
// biome-ignore-all assist/source/organizeImports: ページは最初のグループより下のインポートを 1 つのブロックとして引用するため、並べ替えません
import { createCacheClient } from '@tokenchain/momento';

declare const text: string;
import { secretsManagerScheme } from '@tokenchain/aws-secrets-manager';
import { defaultTokenSource, fromConfig, loadSources } from '@tokenchain/core/config';
import { envScheme } from '@tokenchain/env';

const schemes = [secretsManagerScheme, envScheme];

// 文字列からチェーンを作ります。文法、スキーム、オプションの誤りはここでスローされ、ソースは最初の getToken で作られます。
const source = fromConfig(process.env.MOMENTO_TOKEN_SOURCES ?? 'env:MOMENTO_API_KEY', { schemes });

// または、キーを取得せずに、起動時にすべてのソースを作ります:
const { sources } = await loadSources(text, { origin: 'MOMENTO_TOKEN_SOURCES', schemes });

// たいていのアプリケーションに必要なもの: 運用担当者が設定していれば MOMENTO_TOKEN_SOURCES、なければ Momento の SDK が読むもの。
const client = createCacheClient({ source: defaultTokenSource({ schemes }), defaultTtlSeconds: 600 });
export { client, source, sources };
