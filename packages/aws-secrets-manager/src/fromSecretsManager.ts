import type {
  GetSecretValueCommandOutput,
  SecretsManagerClient,
  SecretsManagerClientConfig,
} from '@aws-sdk/client-secrets-manager';
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
  return new SecretsManagerSource(options);
}

/** What a source reads besides its secret's id, and its reporter: kept only when one of them was given. */
interface ReadSettings extends SecretValueOptions, Omit<SecretVersion, 'secretId'> {
  readonly secretId: string;
  readonly timeoutMs?: number | undefined;
  readonly report: (event: TokenEvent) => void;
}

/** The reporter of a source given no observer (core's shared no-op). */
const SILENT = createReporter(undefined);

/**
 * The source behind {@link fromSecretsManager}: a class, whose instance is also the {@link AwsCallOptions} of every call
 * (`call` and `toResult` are its methods), so a source holds two fields and nothing else, where a source made of closures
 * and option objects held half a KiB; a process may hold one per tenant. It keeps neither the caller's options object nor
 * a copy of it: a plain source keeps the secret's id and its client, and only a source given a version, a JSON field, a
 * deadline or an observer keeps an object of those. Names are made when asked.
 */
class SecretsManagerSource implements TokenSource, AwsCallOptions<GetSecretValueCommandOutput, Token> {
  /** The secret's id alone, or it with every other setting given. */
  readonly #read: string | ReadSettings;
  /** The client given, or the getter that builds one on first use (an SDK client is never a function). */
  readonly #client: SecretsManagerClient | (() => Promise<SecretsManagerClient>);

  constructor(options: SecretsManagerOptions) {
    const name = `secretsmanager:${options.secretId}`;
    validate(options, name);
    this.#read = readSettings(options);
    const arnRegion = options.client ? undefined : regionOfArn(options.secretId);
    warnRegionOverride(this.report, name, arnRegion, options.clientConfig);
    // A secret lives in one region and the SDK does not read the region out of an ARN, so the ARN's region wins.
    this.#client =
      options.client ??
      lazyClient(options, arnRegion, async (config) => new (loadSdk(name).SecretsManagerClient)(config));
  }

  get name(): string {
    return sharedOf(secretIdOf(this.#read)).name;
  }
  get source(): string {
    return this.name;
  }
  get service(): string {
    return 'Secrets Manager';
  }
  get what(): string {
    return `secret ${secretIdOf(this.#read)}`;
  }
  get timeoutMs(): number {
    const read = this.#read;
    return (typeof read === 'string' ? undefined : read.timeoutMs) ?? DEFAULT_TIMEOUT_MS;
  }
  get report(): (event: TokenEvent) => void {
    const read = this.#read;
    return typeof read === 'string' ? SILENT : read.report;
  }
  get errorTable(): AwsErrorTable {
    return SECRETS_MANAGER_ERRORS;
  }

  getToken(getOptions: GetTokenOptions = {}): Promise<Token> {
    try {
      throwIfAborted(getOptions.signal, this.name);
    } catch (err) {
      return Promise.reject(err);
    }
    return awsCall(this, getOptions.signal);
  }

  async call(signal: AbortSignal | undefined): Promise<GetSecretValueCommandOutput> {
    const read = this.#read;
    const given = this.#client;
    const client = typeof given === 'function' ? await given() : given;
    const command = new (loadSdk(this.name).GetSecretValueCommand)(
      typeof read === 'string'
        ? { SecretId: read }
        : {
            SecretId: read.secretId,
            ...(read.versionStage !== undefined && { VersionStage: read.versionStage }),
            ...(read.versionId !== undefined && { VersionId: read.versionId }),
          },
    );
    return client.send(command, signal ? { abortSignal: signal } : {});
  }

  toResult(output: GetSecretValueCommandOutput): Token {
    const read = this.#read;
    const shared = sharedOf(secretIdOf(read));
    const name = shared.name;
    const what = this.what;
    return secretValueToToken({
      source: name,
      what,
      value: secretText(output, name, what),
      version: sharedVersion(shared, output.VersionId),
      jsonField: typeof read === 'string' ? undefined : read.jsonField,
      attributeFields: typeof read === 'string' ? undefined : read.attributeFields,
      report: this.report,
    });
  }
}

/**
 * What the sources of one secret share: its name, and the version id last read. Every key a source fetches carries both,
 * and a process may hold thousands of caches of one secret: a name made per fetch, or the copy of the version id each
 * answer brings, would be a string of its own in each of them.
 */
interface SecretStrings {
  readonly name: string;
  version: string | undefined;
}

const SHARED = new Map<string, SecretStrings>();
/** A process reads a handful of secrets; past this many, the strings of the others are made per call (not kept). */
const MAX_SHARED_SECRETS = 64;

function sharedOf(secretId: string): SecretStrings {
  let shared = SHARED.get(secretId);
  if (shared === undefined) {
    shared = { name: `secretsmanager:${secretId}`, version: undefined };
    if (SHARED.size < MAX_SHARED_SECRETS) SHARED.set(secretId, shared);
  }
  return shared;
}

/** The version id read, as the string already shared when it is the same one. */
function sharedVersion(shared: SecretStrings, version: string | undefined): string | undefined {
  if (version === undefined) return undefined;
  if (version !== shared.version) shared.version = version;
  return shared.version;
}

// A function, not a private getter: a class with private methods or accessors carries a brand field in every instance.
function secretIdOf(read: string | ReadSettings): string {
  return typeof read === 'string' ? read : read.secretId;
}

/** The secret's id alone when nothing else that is read per call was given, else an object of just those settings. */
function readSettings(options: SecretsManagerOptions): string | ReadSettings {
  const { secretId, versionStage, versionId, jsonField, attributeFields, timeoutMs, observer } = options;
  const plain =
    versionStage === undefined &&
    versionId === undefined &&
    jsonField === undefined &&
    attributeFields === undefined &&
    timeoutMs === undefined &&
    observer === undefined;
  if (plain) return secretId;
  return {
    secretId,
    ...(versionStage !== undefined && { versionStage }),
    ...(versionId !== undefined && { versionId }),
    ...(jsonField !== undefined && { jsonField }),
    ...(attributeFields !== undefined && { attributeFields }),
    ...(timeoutMs !== undefined && { timeoutMs }),
    report: createReporter(observer),
  };
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
