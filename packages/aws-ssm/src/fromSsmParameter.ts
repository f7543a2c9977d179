import type { GetParameterCommandOutput, SSMClient, SSMClientConfig } from '@aws-sdk/client-ssm';
import {
  type AwsClientOptions,
  awsErrorToTokenError,
  awsOptionsProblem,
  DEFAULT_MAX_ATTEMPTS,
  lazyClient,
  regionOfArn,
  type SecretValueOptions,
  secretValueToToken,
  warnRegionOverride,
} from '@tokenchain/aws-shared';
import {
  createReporter,
  deadlineSignal,
  raceAbort,
  type TokenObserver,
  type TokenSource,
  TokenSourceError,
  throwIfAborted,
} from '@tokenchain/core';

/** Every call ends after this long unless `timeoutMs` says otherwise. */
export const DEFAULT_TIMEOUT_MS = 5000;
/** The SDK's own default, stated so that a client built here retries throttling the same way. */
export { DEFAULT_MAX_ATTEMPTS };
/** Names under this prefix read a Secrets Manager secret through Parameter Store. */
export const SECRETS_MANAGER_REFERENCE_PREFIX = '/aws/reference/secretsmanager/';

const SERVICE = 'SSM Parameter Store';
const SDK_PACKAGE = '@aws-sdk/client-ssm';

export interface SsmParameterInit extends SecretValueOptions, AwsClientOptions<SSMClient, SSMClientConfig> {
  /**
   * The parameter: `name`, `name:3` (a version), `name:label`, its ARN, or `/aws/reference/secretsmanager/<secret-id>`
   * for a Secrets Manager secret.
   */
  readonly name: string;
  /**
   * Decrypt a SecureString (default `true`). With `false` the token holds the KMS ciphertext, for `kmsDecrypt` from @tokenchain/aws-kms or another
   * decryption elsewhere. Always `true` for `/aws/reference/secretsmanager/` names, which require it.
   */
  readonly withDecryption?: boolean;
  /** Deadline of each `getToken` call, SDK retries included. Default {@link DEFAULT_TIMEOUT_MS}; `Infinity` for none. */
  readonly timeoutMs?: number;
  readonly observer?: TokenObserver;
}

/**
 * A Momento API key from an SSM Parameter Store parameter, read with `GetParameter` on every call (wrap it in a cache).
 *
 * A missing parameter, version or label rejects with `TokenNotFoundError`, so a chain moves on. Anything else rejects with
 * a `TokenSourceError` naming the parameter: `ACCESS_DENIED`, `DECRYPTION_FAILED` (the SecureString's KMS key), `THROTTLED`
 * (after the SDK's retries), `UNAVAILABLE`, `MALFORMED`, `INVALID_CONFIGURATION`, `TIMEOUT` or `ABORTED`. The SDK is
 * imported on first use.
 *
 * @example
 * ```ts
 * const source = fromSsmParameter({ name: '/prod/momento/api-key:live' }); // the version labelled "live"
 * const token = await source.getToken(); // token.version is the parameter version
 * ```
 */
export function fromSsmParameter(init: SsmParameterInit): TokenSource {
  const parameter = init.name;
  const name = `ssm:${parameter}`;
  validate(init, name);
  const what = `parameter ${parameter}`;
  const reference = parameter.startsWith(SECRETS_MANAGER_REFERENCE_PREFIX);
  const withDecryption = reference || (init.withDecryption ?? true);
  const timeoutMs = init.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const report = createReporter(init.observer);
  const arnRegion = init.client
    ? undefined
    : regionOfArn(reference ? parameter.slice(SECRETS_MANAGER_REFERENCE_PREFIX.length) : parameter);
  warnRegionOverride(report, name, arnRegion, init.clientConfig);
  // The SDK does not read the region out of an ARN; the parameter only exists in that region.
  const getClient = lazyClient(init, arnRegion, async (config) => {
    const { SSMClient } = await loadSdk(name);
    return new SSMClient(config);
  });

  async function read(signal: AbortSignal | undefined): Promise<GetParameterCommandOutput> {
    const client = await getClient();
    const { GetParameterCommand } = await loadSdk(name);
    const command = new GetParameterCommand({ Name: parameter, WithDecryption: withDecryption });
    return client.send(command, signal ? { abortSignal: signal } : {});
  }

  return {
    name,
    async getToken(options = {}) {
      throwIfAborted(options.signal, name);
      const deadline = deadlineSignal(options.signal, timeoutMs);
      try {
        const output = await raceAbort(read(deadline.signal), deadline.signal, name);
        // A client mocked with aws-sdk-client-mock answers only the modelled fields: no $metadata.
        const attempts = output.$metadata?.attempts ?? 1;
        if (attempts > 1) {
          report({
            type: 'warning',
            source: name,
            time: Date.now(),
            message: `read ${what} after ${attempts} attempts`,
          });
        }
        const value = output.Parameter?.Value;
        if (typeof value !== 'string') {
          throw new TokenSourceError(`${SERVICE} returned no value for ${what}`, { source: name, code: 'MALFORMED' });
        }
        // A Secrets Manager reference has no parameter version of its own.
        const version = reference ? undefined : output.Parameter?.Version;
        return secretValueToToken({
          source: name,
          what,
          value,
          version: version === undefined ? undefined : String(version),
          jsonField: init.jsonField,
          attributeFields: init.attributeFields,
          report,
        });
      } catch (err) {
        throw awsErrorToTokenError(err, {
          source: name,
          service: SERVICE,
          what,
          signal: deadline.signal,
          notFound: ['ParameterNotFound', 'ParameterVersionNotFound', 'ParameterVersionLabelNotFound'],
          codes: {
            InvalidKeyId: 'DECRYPTION_FAILED',
            KMSInvalidStateException: 'DECRYPTION_FAILED',
            InternalServerError: 'UNAVAILABLE',
          },
        });
      } finally {
        deadline.dispose();
      }
    },
  };
}

async function loadSdk(source: string): Promise<typeof import('@aws-sdk/client-ssm')> {
  try {
    // A plain `require` of a literal name: bundlers see it, and it honours NODE_PATH, where Lambda's runtime keeps the SDK.
    return require('@aws-sdk/client-ssm') as typeof import('@aws-sdk/client-ssm');
  } catch (err) {
    throw new TokenSourceError(`cannot load ${SDK_PACKAGE}; install it next to @tokenchain/aws-ssm`, {
      source,
      code: 'INVALID_CONFIGURATION',
      cause: err,
    });
  }
}

function validate(init: SsmParameterInit, source: string): void {
  const problem =
    typeof init.name !== 'string' || init.name.trim().length === 0
      ? 'name must be a non-empty string'
      : awsOptionsProblem(init);
  if (problem) throw new TokenSourceError(problem, { source, code: 'INVALID_CONFIGURATION' });
}
