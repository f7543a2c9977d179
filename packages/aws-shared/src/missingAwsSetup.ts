// The SDK's own words for "nothing is set up here", matched whole: these fixed sentences are all that is quoted from it.
const NO_REGION = 'Region is missing';
const NO_CREDENTIALS = 'Could not load credentials from any providers';

/**
 * Why an AWS store cannot be asked from this machine at all, or `undefined` when the SDK error says something else. Two
 * SDK errors mean that: no region anywhere (no `region` option, no `AWS_REGION`, nothing in `~/.aws/config`), and no
 * credentials anywhere (the whole default chain came up empty). On a laptop with no AWS setup that is the store "not
 * being here", like an unset variable, so the adapters reject with `TokenNotFoundError` and a chain moves on to its next
 * source. Credentials that exist but are refused are a different error (`ACCESS_DENIED`), which stops the chain.
 *
 * @example
 * ```ts
 * missingAwsSetup(new Error('Region is missing')); // 'no AWS region is configured (the SDK says: Region is missing)'
 * ```
 */
export function missingAwsSetup(err: unknown): string | undefined {
  if (!(err instanceof Error)) return undefined;
  // Neither is a service error: both are thrown before a request is sent.
  if ('$metadata' in err && (err as { $metadata?: { httpStatusCode?: unknown } }).$metadata?.httpStatusCode) {
    return undefined;
  }
  if (err.message === NO_REGION) return `no AWS region is configured (the SDK says: ${NO_REGION})`;
  if (err.name === 'CredentialsProviderError' && err.message === NO_CREDENTIALS) {
    return `no AWS credentials were found anywhere (the SDK says: ${NO_CREDENTIALS})`;
  }
  return undefined;
}
