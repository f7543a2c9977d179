// docs/writing-a-source.md walks through this file. It is compiled by CI, and writingASource.test.ts runs tokenchain's
// contract suite against it, so the example in the docs is known to work.
import { createToken, TokenNotFoundError, type TokenSource, TokenSourceError } from '@tokenchain/core';
import { abortedError, deadlineSignal } from '@tokenchain/core/source-kit';

export interface VaultInit {
  /** Base URL of a HashiCorp-Vault-style KV v2 HTTP API, e.g. `http://127.0.0.1:8200`. */
  readonly url: string;
  /** Path of the secret, e.g. `momento`. */
  readonly path: string;
  /** The Vault token for the request header. */
  readonly vaultToken: string;
  /** Bound on one request. */
  readonly timeoutMs?: number;
}

/** A Momento key from a Vault KV secret whose `apiKey` field holds it. */
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
        // "Not there" lets a chain try its next source; anything else stops it with a clear reason.
        if (response.status === 404) throw new TokenNotFoundError(`no secret at ${path}`, { source: name });
        if (response.status === 403)
          throw new TokenSourceError('permission denied', { source: name, code: 'ACCESS_DENIED' });
        if (!response.ok) throw new TokenSourceError(`HTTP ${response.status}`, { source: name, code: 'UNAVAILABLE' });
        const body = (await response.json()) as { data?: { data?: { apiKey?: unknown } } };
        const apiKey = body.data?.data?.apiKey;
        if (typeof apiKey !== 'string') {
          throw new TokenSourceError('the secret has no string field apiKey', { source: name, code: 'MALFORMED' });
        }
        return createToken({ source: name, value: apiKey }); // trims, and refuses a blank key
      } catch (err) {
        if (deadline.signal?.aborted) throw abortedError(name, deadline.signal);
        throw TokenSourceError.wrap(err, name, 'request failed', 'UNAVAILABLE');
      } finally {
        deadline.dispose();
      }
    },
  };
}
