import type { GetParameterCommandOutput, SSMClient, SSMClientConfig } from '@aws-sdk/client-ssm';
import {
  type AwsCallOptions,
  type AwsClientOptions,
  type AwsErrorTable,
  awsCall,
  awsOptionsProblem,
  DEFAULT_AWS_TIMEOUT_MS,
  DEFAULT_MAX_ATTEMPTS,
  lazyClient,
  regionOfArn,
  type SecretValueOptions,
  sdkLoader,
  secretValueToToken,
  warnRegionOverride,
} from '@tokenchain/aws-shared';
import {
  type GetTokenOptions,
  type Token,
  type TokenEvent,
  type TokenObserver,
  type TokenSource,
  TokenSourceError,
} from '@tokenchain/core';
import { createReporter, throwIfAborted } from '@tokenchain/core/source-kit';

/** Every call ends after this long unless `timeoutMs` says otherwise. */
export const DEFAULT_TIMEOUT_MS = DEFAULT_AWS_TIMEOUT_MS;
/** The SDK's own default, stated so that a client built here retries throttling the same way. */
export { DEFAULT_MAX_ATTEMPTS };
/** Names under this prefix read a Secrets Manager secret through Parameter Store. */
export const SECRETS_MANAGER_REFERENCE_PREFIX = '/aws/reference/secretsmanager/';

const SERVICE = 'SSM Parameter Store';

// A plain `require` of a literal name: bundlers see it, and it honours NODE_PATH, where Lambda's runtime keeps the SDK.
const loadSdk = sdkLoader(
  '@aws-sdk/client-ssm',
  '@tokenchain/aws-ssm',
  () => require('@aws-sdk/client-ssm') as typeof import('@aws-sdk/client-ssm'),
);

/** The parameter to read, by its name; `name` is its old spelling. */
export type SsmParameterOptions = SsmParameterSettings &
  (
    | {
        /**
         * The parameter: `name`, `name:3` (a version), `name:label`, its ARN, or `/aws/reference/secretsmanager/<secret-id>`
         * for a Secrets Manager secret.
         */
        readonly parameterName: string;
        readonly name?: undefined;
      }
    | {
        /**
         * @deprecated Renamed `parameterName`: a source's `name` is its own name (`ssm:<parameter>`), as in `chain`. Still
         * read for one release.
         */
        readonly name: string;
        readonly parameterName?: undefined;
      }
  );

/** Everything {@link SsmParameterOptions} says besides which parameter. */
export interface SsmParameterSettings extends SecretValueOptions, AwsClientOptions<SSMClient, SSMClientConfig> {
  /**
   * Decrypt a SecureString (default `true`). With `false` the token holds the KMS ciphertext, for `kmsDecrypt` from @tokenchain/aws-kms or another
   * decryption elsewhere. Always `true` for `/aws/reference/secretsmanager/` names, which require it.
   */
  readonly withDecryption?: boolean;
  /** Deadline of each `getToken` call, SDK retries included. Default {@link DEFAULT_TIMEOUT_MS}; `Infinity` for none. */
  readonly timeoutMs?: number;
  readonly observer?: TokenObserver;
}

/** @deprecated Renamed {@link SsmParameterOptions} (factory arguments are `*Options`); this alias goes in the next minor. */
export type SsmParameterInit = SsmParameterOptions;

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
 * const source = fromSsmParameter({ parameterName: '/prod/momento/api-key:live' }); // the version labelled "live"
 * const token = await source.getToken(); // token.version is the parameter version
 * ```
 */
export function fromSsmParameter(options: SsmParameterOptions): TokenSource {
  return new SsmParameterSource(options);
}

const SSM_ERRORS: AwsErrorTable = {
  notFound: ['ParameterNotFound', 'ParameterVersionNotFound', 'ParameterVersionLabelNotFound'],
  codes: {
    InvalidKeyId: 'DECRYPTION_FAILED',
    KMSInvalidStateException: 'DECRYPTION_FAILED',
    InternalServerError: 'UNAVAILABLE',
  },
};

/**
 * The source behind {@link fromSsmParameter}, a class for the same reason as the Secrets Manager source: the instance is
 * also the {@link AwsCallOptions} of its calls (`call` and `toResult` are methods), so a source holds its options and its
 * client getter, where one made of closures and option objects held twice as much. Names are made when asked.
 */
class SsmParameterSource implements TokenSource, AwsCallOptions<GetParameterCommandOutput, Token> {
  readonly #options: SsmParameterOptions;
  readonly report: (event: TokenEvent) => void;
  readonly #getClient: () => Promise<SSMClient>;

  constructor(options: SsmParameterOptions) {
    const parameter = parameterOf(options);
    const name = `ssm:${parameter}`;
    validate(parameter, options, name);
    this.#options = options;
    this.report = createReporter(options.observer);
    const arnRegion = options.client
      ? undefined
      : regionOfArn(isReference(parameter) ? parameter.slice(SECRETS_MANAGER_REFERENCE_PREFIX.length) : parameter);
    warnRegionOverride(this.report, name, arnRegion, options.clientConfig);
    // The SDK does not read the region out of an ARN; the parameter only exists in that region.
    this.#getClient = lazyClient(options, arnRegion, async (config) => new (loadSdk(name).SSMClient)(config));
  }

  get name(): string {
    return `ssm:${parameterOf(this.#options)}`;
  }
  get source(): string {
    return this.name;
  }
  get service(): string {
    return SERVICE;
  }
  get what(): string {
    return `parameter ${parameterOf(this.#options)}`;
  }
  get timeoutMs(): number {
    return this.#options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }
  get errorTable(): AwsErrorTable {
    return SSM_ERRORS;
  }

  getToken(getOptions: GetTokenOptions = {}): Promise<Token> {
    try {
      throwIfAborted(getOptions.signal, this.name);
    } catch (err) {
      return Promise.reject(err);
    }
    return awsCall(this, getOptions.signal);
  }

  async call(signal: AbortSignal | undefined): Promise<GetParameterCommandOutput> {
    const options = this.#options;
    const parameter = parameterOf(options);
    const client = await this.#getClient();
    const command = new (loadSdk(this.name).GetParameterCommand)({
      Name: parameter,
      WithDecryption: isReference(parameter) || (options.withDecryption ?? true),
    });
    return client.send(command, signal ? { abortSignal: signal } : {});
  }

  toResult(output: GetParameterCommandOutput): Token {
    const options = this.#options;
    const name = this.name;
    const what = this.what;
    const value = output.Parameter?.Value;
    if (typeof value !== 'string') {
      throw new TokenSourceError(`${SERVICE} returned no value for ${what}`, { source: name, code: 'MALFORMED' });
    }
    // A Secrets Manager reference has no parameter version of its own.
    const version = isReference(parameterOf(options)) ? undefined : output.Parameter?.Version;
    return secretValueToToken({
      source: name,
      what,
      value,
      version: version === undefined ? undefined : String(version),
      jsonField: options.jsonField,
      attributeFields: options.attributeFields,
      report: this.report,
    });
  }
}

/** The parameter's name, under either spelling of the option. */
function parameterOf(options: SsmParameterOptions): string {
  return (options.parameterName ?? options.name) as string;
}

/** A `/aws/reference/secretsmanager/` name: a Secrets Manager secret read through Parameter Store (always decrypted). */
function isReference(parameter: string): boolean {
  return parameter.startsWith(SECRETS_MANAGER_REFERENCE_PREFIX);
}

function validate(parameter: unknown, options: SsmParameterOptions, source: string): void {
  // Read loosely: JavaScript callers can give both spellings, which the types forbid.
  const { parameterName, name } = options as { parameterName?: unknown; name?: unknown };
  const problem =
    parameterName !== undefined && name !== undefined && parameterName !== name
      ? 'give parameterName, not both parameterName and its old name `name`'
      : typeof parameter !== 'string' || parameter.trim().length === 0
        ? `${parameterName === undefined ? 'name' : 'parameterName'} must be a non-empty string`
        : awsOptionsProblem(options);
  if (problem) throw new TokenSourceError(problem, { source, code: 'INVALID_CONFIGURATION' });
}
