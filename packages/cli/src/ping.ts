import type { Token } from '@tokenchain/core';
import { type EndpointOverrides, toCredentialProvider } from '@tokenchain/momento';

/** The key used for the one read the ping makes; it need not exist. */
export const PING_ITEM_KEY = 'tokenchain-doctor';

/** How Momento answered. */
export interface PingReport {
  /**
   * `accepted`: the call was authenticated (a hit, a miss, or a cache that does not exist all prove it);
   * `rejected`: authentication failed; `forbidden`: the key is valid but may not read the cache;
   * `failed`: no answer about the key (unreachable, timeout, another error).
   */
  readonly outcome: 'accepted' | 'rejected' | 'forbidden' | 'failed';
  readonly cache: string;
  /** `host[:port]` the call went to. */
  readonly endpoint: string;
  readonly durationMs: number;
  /** Momento's error code (e.g. `AUTHENTICATION_ERROR`), or the answer (`hit`, `miss`). */
  readonly answer: string;
  /** Momento's message for an error. */
  readonly message: string | null;
}

export interface PingOptions {
  readonly cache: string;
  readonly timeoutMs: number;
  readonly endpoint?: string;
  readonly endpointOverrides?: EndpointOverrides;
  readonly env: Readonly<Record<string, string | undefined>>;
}

const ACCEPTED_ERRORS = new Set(['NOT_FOUND_ERROR', 'CACHE_NOT_FOUND_ERROR']);
const REJECTED_ERRORS = new Set(['AUTHENTICATION_ERROR']);
const FORBIDDEN_ERRORS = new Set(['PERMISSION_ERROR']);

/**
 * Makes one Momento call with the key, a `get` on one cache, and says what the answer means for the key. The SDK client is
 * built directly (not a managed client), so a rejection is reported, not retried with a refreshed key.
 */
export async function ping(token: Token, options: PingOptions): Promise<PingReport> {
  const sdk = await import('@gomomento/sdk');
  const credentialProvider = toCredentialProvider(token, {
    ...(options.endpoint !== undefined && { endpoint: options.endpoint }),
    ...(options.endpointOverrides !== undefined && { endpointOverrides: options.endpointOverrides }),
    env: options.env,
  });
  const endpoint = credentialProvider.getCacheEndpoint();
  const configuration = sdk.Configurations.Laptop.v1(new sdk.NoopMomentoLoggerFactory()).withClientTimeoutMillis(
    options.timeoutMs,
  );
  const client = new sdk.CacheClient({ configuration, credentialProvider, defaultTtlSeconds: 60 });
  const started = performance.now();
  try {
    const response = await client.get(options.cache, PING_ITEM_KEY);
    const durationMs = performance.now() - started;
    const base = { cache: options.cache, endpoint, durationMs };
    if (response.type !== sdk.CacheGetResponse.Error) {
      return { ...base, outcome: 'accepted', answer: response.type.toLowerCase(), message: null };
    }
    const code = String(response.errorCode());
    const outcome = ACCEPTED_ERRORS.has(code)
      ? 'accepted'
      : REJECTED_ERRORS.has(code)
        ? 'rejected'
        : FORBIDDEN_ERRORS.has(code)
          ? 'forbidden'
          : 'failed';
    return { ...base, outcome, answer: code, message: response.message() };
  } finally {
    client.close();
  }
}
