// docs/ja/writing-a-source.md のコードの日本語版: コメントだけを日本語にしたもので、コードは writingASource.ts と同じです (docsSync.test.ts が
// コメントを除いて比べます)。CI で型検査されます。
import { createToken, TokenNotFoundError, type TokenSource, TokenSourceError } from '@tokenchain/core';
import { abortedError, deadlineSignal } from '@tokenchain/core/source-kit';

export interface VaultInit {
  /** HashiCorp Vault 形式の KV v2 HTTP API のベース URL。例: `http://127.0.0.1:8200`。 */
  readonly url: string;
  /** シークレットのパス。例: `momento`。 */
  readonly path: string;
  /** リクエストヘッダーに付ける Vault のトークン。 */
  readonly vaultToken: string;
  /** 1 回のリクエストの上限時間。 */
  readonly timeoutMs?: number;
}

/** `apiKey` フィールドに Momento キーを持つ Vault KV シークレットから、そのキーを読みます。 */
export function fromVault({ url, path, vaultToken, timeoutMs = 2_000 }: VaultInit): TokenSource {
  const name = `vault:${path}`;
  return {
    name,
    async getToken({ signal } = {}) {
      const deadline = deadlineSignal(signal, timeoutMs);
      try {
        const response = await fetch(`${url}/v1/secret/data/${encodeURIComponent(path)}`, {
          headers: { 'X-Vault-Token': vaultToken },
          ...(deadline.signal && { signal: deadline.signal }),
        });
        // 「存在しない」ならチェーンは次のソースを試します。それ以外は理由をはっきり示してチェーンを止めます。
        if (response.status === 404) throw new TokenNotFoundError(`no secret at ${path}`, { source: name });
        if (response.status === 403)
          throw new TokenSourceError('permission denied', { source: name, code: 'ACCESS_DENIED' });
        if (!response.ok) throw new TokenSourceError(`HTTP ${response.status}`, { source: name, code: 'UNAVAILABLE' });
        const body = (await response.json()) as { data?: { data?: { apiKey?: unknown } } };
        const apiKey = body.data?.data?.apiKey;
        if (typeof apiKey !== 'string') {
          throw new TokenSourceError('the secret has no string field apiKey', { source: name, code: 'MALFORMED' });
        }
        return createToken({ source: name, value: apiKey }); // 前後の空白を除き、空のキーは拒否します
      } catch (err) {
        if (deadline.signal?.aborted) throw abortedError(name, deadline.signal);
        throw TokenSourceError.wrap(err, name, 'request failed', 'UNAVAILABLE');
      } finally {
        deadline.dispose();
      }
    },
  };
}
