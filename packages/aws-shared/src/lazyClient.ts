import { singleFlight } from '@tokenchain/core/source-kit';

/** What every AWS adapter's options say about its SDK client. */
export interface AwsClientOptions<
  Client,
  Config extends { readonly maxAttempts?: unknown; readonly region?: unknown },
> {
  /** A ready client. Its own region, retry and timeout settings apply; `maxAttempts` and `clientConfig` are ignored. */
  readonly client?: Client | undefined;
  /** Config for the client built here (once per source, on first use). */
  readonly clientConfig?: Config | undefined;
  /** Attempts per call for the client built here (standard retry mode, with backoff). Default {@link DEFAULT_MAX_ATTEMPTS}. */
  readonly maxAttempts?: number | undefined;
}

/**
 * What is wrong with the options every AWS adapter shares (`timeoutMs`, `maxAttempts`), in words for an
 * `INVALID_CONFIGURATION` error, or `undefined` when they are fine.
 */
export function awsOptionsProblem(init: {
  readonly timeoutMs?: number | undefined;
  readonly maxAttempts?: number | undefined;
}): string | undefined {
  if (init.timeoutMs !== undefined && !(init.timeoutMs > 0)) return 'timeoutMs must be a positive number';
  if (init.maxAttempts !== undefined && !(Number.isInteger(init.maxAttempts) && init.maxAttempts >= 1)) {
    return 'maxAttempts must be a positive integer';
  }
  return undefined;
}

/** The attempts an adapter's own client makes by default: the SDK's standard retry mode with its default count. */
export const DEFAULT_MAX_ATTEMPTS = 3;

/**
 * Returns a getter for the adapter's SDK client: the given `client`, or one built on first use from `clientConfig` (standard
 * retry mode, `maxAttempts`, and `region` when given — the ARN's region, which the SDK itself would not read) and then
 * reused. A build that fails (the SDK is not installed) is forgotten, so the next call tries again.
 *
 * @example
 * ```ts
 * const getClient = lazyClient(init, regionOfArn(secretId), async (config) => {
 *   const { SecretsManagerClient } = await import('@aws-sdk/client-secrets-manager');
 *   return new SecretsManagerClient(config);
 * });
 * ```
 */
export function lazyClient<Client, Config extends { readonly maxAttempts?: unknown; readonly region?: unknown }>(
  options: AwsClientOptions<Client, Config>,
  region: string | undefined,
  build: (config: Config & { retryMode: 'standard'; maxAttempts: number }) => Promise<Client>,
): () => Promise<Client> {
  const given = options.client;
  if (given) return () => Promise.resolve(given);
  return singleFlight(() => {
    const configured = options.clientConfig?.maxAttempts;
    return build({
      retryMode: 'standard' as const,
      ...(options.clientConfig as Config),
      maxAttempts: options.maxAttempts ?? (typeof configured === 'number' ? configured : DEFAULT_MAX_ATTEMPTS),
      ...(region !== undefined && { region }),
    });
  });
}
