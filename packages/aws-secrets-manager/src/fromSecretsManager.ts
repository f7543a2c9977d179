import type {
  GetSecretValueCommandOutput,
  SecretsManagerClient,
  SecretsManagerClientConfig,
} from '@aws-sdk/client-secrets-manager';
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
import { decodeSecretBinary } from './decodeSecretBinary.js';

/** Every call ends after this long unless `timeoutMs` says otherwise. */
export const DEFAULT_TIMEOUT_MS = 5000;
/** The SDK's own default, stated so that a client built here retries throttling the same way. */
export { DEFAULT_MAX_ATTEMPTS };

const SERVICE = 'Secrets Manager';
const SDK_PACKAGE = '@aws-sdk/client-secrets-manager';

export interface SecretsManagerInit
  extends SecretValueOptions,
    AwsClientOptions<SecretsManagerClient, SecretsManagerClientConfig> {
  /** The secret's name or ARN. An ARN's region picks the region of the client built here. */
  readonly secretId: string;
  /** Default `AWSCURRENT` (applied by the service). Use `AWSPREVIOUS` or `AWSPENDING` around a rotation. */
  readonly versionStage?: string;
  readonly versionId?: string;
  /** Deadline of each `getToken` call, SDK retries included. Default {@link DEFAULT_TIMEOUT_MS}; `Infinity` for none. */
  readonly timeoutMs?: number;
  readonly observer?: TokenObserver;
}

/**
 * A Momento API key from AWS Secrets Manager, read with `GetSecretValue` on every call (wrap it in a cache).
 *
 * A missing secret, stage or version rejects with `TokenNotFoundError`, so a chain moves on. Anything else that goes wrong
 * rejects with a `TokenSourceError` naming the secret: `ACCESS_DENIED`, `DECRYPTION_FAILED`, `THROTTLED` (after the SDK's
 * retries), `UNAVAILABLE` (5xx, unreachable), `MALFORMED` (empty value, missing JSON field), `INVALID_CONFIGURATION` (e.g. a
 * secret marked for deletion), `TIMEOUT` or `ABORTED`. The SDK is imported on first use.
 *
 * @example
 * ```ts
 * const source = fromSecretsManager({ secretId: 'prod/momento', jsonField: 'apiKey' });
 * const token = await source.getToken(); // token.attributes.endpoint, if the secret has one
 * ```
 */
export function fromSecretsManager(init: SecretsManagerInit): TokenSource {
  const { secretId } = init;
  const name = `secretsmanager:${secretId}`;
  validate(init, name);
  const what = `secret ${secretId}`;
  const timeoutMs = init.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const report = createReporter(init.observer);
  const arnRegion = init.client ? undefined : regionOfArn(secretId);
  warnRegionOverride(report, name, arnRegion, init.clientConfig);
  // A secret lives in one region and the SDK does not read the region out of an ARN, so the ARN's region wins.
  const getClient = lazyClient(init, arnRegion, async (config) => {
    const { SecretsManagerClient } = await loadSdk(name);
    return new SecretsManagerClient(config);
  });

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
        return secretValueToToken({
          source: name,
          what,
          value: secretText(output, name, what),
          version: output.VersionId,
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
          notFound: ['ResourceNotFoundException'],
          codes: { DecryptionFailure: 'DECRYPTION_FAILED', InternalServiceError: 'UNAVAILABLE' },
        });
      } finally {
        deadline.dispose();
      }
    },
  };

  async function read(signal: AbortSignal | undefined): Promise<GetSecretValueCommandOutput> {
    const client = await getClient();
    const { GetSecretValueCommand } = await loadSdk(name);
    const command = new GetSecretValueCommand({
      SecretId: secretId,
      ...(init.versionStage !== undefined && { VersionStage: init.versionStage }),
      ...(init.versionId !== undefined && { VersionId: init.versionId }),
    });
    return client.send(command, signal ? { abortSignal: signal } : {});
  }
}

function secretText(output: GetSecretValueCommandOutput, source: string, what: string): string {
  if (typeof output.SecretString === 'string') return output.SecretString;
  if (output.SecretBinary instanceof Uint8Array) return decodeSecretBinary(output.SecretBinary, source, what);
  throw new TokenSourceError(`${what} has neither SecretString nor SecretBinary`, { source, code: 'MALFORMED' });
}

async function loadSdk(source: string): Promise<typeof import('@aws-sdk/client-secrets-manager')> {
  try {
    // A plain `require` of a literal name: bundlers see it, and it honours NODE_PATH, where Lambda's runtime keeps the SDK.
    return require('@aws-sdk/client-secrets-manager') as typeof import('@aws-sdk/client-secrets-manager');
  } catch (err) {
    throw new TokenSourceError(`cannot load ${SDK_PACKAGE}; install it next to @tokenchain/aws-secrets-manager`, {
      source,
      code: 'INVALID_CONFIGURATION',
      cause: err,
    });
  }
}

function validate(init: SecretsManagerInit, source: string): void {
  const problem =
    typeof init.secretId !== 'string' || init.secretId.trim().length === 0
      ? 'secretId must be a non-empty string'
      : awsOptionsProblem(init);
  if (problem) throw new TokenSourceError(problem, { source, code: 'INVALID_CONFIGURATION' });
}
