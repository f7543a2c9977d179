// docs/ja/disposable-tokens.md のトークン発行 Lambdaの日本語版: コメントだけを日本語にしたもので、コードは tokenVendor.lambda.ts と同じです (docsSync.test.ts が
// コメントを除いて比べます)。CI で型検査されます。
import { DisposableTokenScopes } from '@gomomento/sdk';
import { fromSecretsManager } from '@tokenchain/aws-secrets-manager';
import { chain, TokenSourceError } from '@tokenchain/core';
import { fromEnv } from '@tokenchain/env';
import { createTokenVendor, type TokenVendor } from '@tokenchain/momento';

/** ハンドラーが読む API Gateway (HTTP API、JWT オーソライザー) イベントの部分。 */
export interface VendEvent {
  readonly requestContext: { readonly authorizer?: { readonly jwt?: { readonly claims?: { readonly sub?: string } } } };
}

export interface VendResponse {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

// モジュールスコープ: コンテナごとに vendor は 1 つ。AuthClient 1 つと、キャッシュした長期キーの読み取り 1 回ですべてのリクエストに応えます。
const vendor = createTokenVendor({
  source: chain(fromSecretsManager({ secretId: 'Momento_Auth_Token' }), fromEnv()),
});

export const handler = vendHandler(vendor);

/** 任意の vendor 用のハンドラー (テストではローカルのトークンサービス上の vendor を渡します)。 */
export function vendHandler(tokens: TokenVendor): (event: VendEvent) => Promise<VendResponse> {
  const headers = { 'content-type': 'application/json', 'cache-control': 'no-store' };
  return async (event) => {
    const user = event.requestContext.authorizer?.jwt?.claims?.sub;
    if (user === undefined) return { statusCode: 401, headers, body: '{"error":"unauthenticated"}' };
    try {
      const token = await tokens.vend(DisposableTokenScopes.topicSubscribeOnly('chat', 'lobby'), {
        validForSeconds: 15 * 60,
        tokenId: user,
      });
      return {
        statusCode: 200,
        headers,
        body: JSON.stringify({
          // トークンがサーバーの外に出る唯一の場所。要求したブラウザーのために、意図して reveal します。
          authToken: token.secret.reveal(),
          endpoint: token.attributes?.endpoint,
          expiresAt: token.expiresAt?.toISOString(),
        }),
      };
    } catch (err) {
      // エラーはソースとキーのフィンガープリントを示します。ブラウザーに返すのはコードだけです。
      const code = TokenSourceError.is(err) ? err.code : 'UNKNOWN';
      return { statusCode: 503, headers, body: JSON.stringify({ error: code }) };
    }
  };
}
