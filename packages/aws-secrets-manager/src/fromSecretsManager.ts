import type {
  GetSecretValueCommandOutput,
  SecretsManagerClient,
  SecretsManagerClientConfig,
} from '@aws-sdk/client-secrets-manager';
import {
  type AwsClientOptions,
  awsOptionsProblem,
  awsSource,
  DEFAULT_AWS_TIMEOUT_MS,
  DEFAULT_MAX_ATTEMPTS,
  lazyClient,
  regionOfArn,
  type SecretValueOptions,
  sdkLoader,
  secretValueToToken,
  warnRegionOverride,
} from '@tokenchain/aws-shared';
import { type TokenObserver, type TokenSource, TokenSourceError } from '@tokenchain/core';
import { createReporter } from '@tokenchain/core/source-kit';
import { decodeSecretBinary } from './decodeSecretBinary.js';
import type { SecretVersion } from './SecretVersion.js';
import { SECRETS_MANAGER_ERRORS } from './secretsManagerErrors.js';

/** Every call ends after this long unless `timeoutMs` says otherwise. */
export const DEFAULT_TIMEOUT_MS = DEFAULT_AWS_TIMEOUT_MS;
/** The SDK's own default, stated so that a client built here retries throttling the same way. */
export { DEFAULT_MAX_ATTEMPTS };

// A plain `require` of a literal name: bundlers see it, and it honours NODE_PATH, where Lambda's runtime keeps the SDK.
const loadSdk = sdkLoader(
  '@aws-sdk/client-secrets-manager',
  '@tokenchain/aws-secrets-manager',
  () => require('@aws-sdk/client-secrets-manager') as typeof import('@aws-sdk/client-secrets-manager'),
);

/** Which secret (an ARN's region picks the region of the client built here), its client, and how to read its value. */
export interface SecretsManagerOptions
  extends SecretValueOptions,
    SecretVersion,
    AwsClientOptions<SecretsManagerClient, SecretsManagerClientConfig> {
  /** Deadline of each `getToken` call, SDK retries included. Default {@link DEFAULT_TIMEOUT_MS}; `Infinity` for none. */
  readonly timeoutMs?: number;
  readonly observer?: TokenObserver;
}

/** @deprecated Renamed {@link SecretsManagerOptions} (factory arguments are `*Options`); this alias goes in the next minor. */
export type SecretsManagerInit = SecretsManagerOptions;

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
export function fromSecretsManager(options: SecretsManagerOptions): TokenSource {
  const { secretId } = options;
  const name = `secretsmanager:${secretId}`;
  validate(options, name);
  const what = `secret ${secretId}`;
  const report = createReporter(options.observer);
  const arnRegion = options.client ? undefined : regionOfArn(secretId);
  warnRegionOverride(report, name, arnRegion, options.clientConfig);
  // A secret lives in one region and the SDK does not read the region out of an ARN, so the ARN's region wins.
  const getClient = lazyClient(options, arnRegion, async (config) => new (loadSdk(name).SecretsManagerClient)(config));

  return awsSource({
    name,
    service: 'Secrets Manager',
    what,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    report,
    errorTable: SECRETS_MANAGER_ERRORS,
    async call(signal): Promise<GetSecretValueCommandOutput> {
      const client = await getClient();
      const command = new (loadSdk(name).GetSecretValueCommand)({
        SecretId: secretId,
        ...(options.versionStage !== undefined && { VersionStage: options.versionStage }),
        ...(options.versionId !== undefined && { VersionId: options.versionId }),
      });
      return client.send(command, signal ? { abortSignal: signal } : {});
    },
    toToken: (output) =>
      secretValueToToken({
        source: name,
        what,
        value: secretText(output, name, what),
        version: output.VersionId,
        jsonField: options.jsonField,
        attributeFields: options.attributeFields,
        report,
      }),
  });
}

function secretText(output: GetSecretValueCommandOutput, source: string, what: string): string {
  if (typeof output.SecretString === 'string') return output.SecretString;
  if (output.SecretBinary instanceof Uint8Array) return decodeSecretBinary(output.SecretBinary, source, what);
  throw new TokenSourceError(`${what} has neither SecretString nor SecretBinary`, { source, code: 'MALFORMED' });
}

function validate(options: SecretsManagerOptions, source: string): void {
  const problem =
    typeof options.secretId !== 'string' || options.secretId.trim().length === 0
      ? 'secretId must be a non-empty string'
      : awsOptionsProblem(options);
  if (problem) throw new TokenSourceError(problem, { source, code: 'INVALID_CONFIGURATION' });
}
