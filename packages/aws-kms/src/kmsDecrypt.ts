import type { DecryptCommandOutput, KMSClient, KMSClientConfig } from '@aws-sdk/client-kms';
import {
  type AwsClientOptions,
  awsCall,
  awsOptionsProblem,
  DEFAULT_AWS_TIMEOUT_MS,
  DEFAULT_MAX_ATTEMPTS,
  lazyClient,
  regionOfArn,
  sdkLoader,
} from '@tokenchain/aws-shared';
import {
  type GetTokenOptions,
  type Token,
  type TokenEvent,
  type TokenListener,
  type TokenObserver,
  type TokenSource,
  TokenSourceError,
} from '@tokenchain/core';
import { createReporter, throwIfAborted, withSecret } from '@tokenchain/core/source-kit';
import { decodeCiphertext } from './decodeCiphertext.js';
import { renameError } from './renameError.js';

/** Every KMS call ends after this long unless `timeoutMs` says otherwise. */
export const DEFAULT_TIMEOUT_MS = DEFAULT_AWS_TIMEOUT_MS;
/** The SDK's own default, stated so that a client built here retries throttling the same way. */
export { DEFAULT_MAX_ATTEMPTS };

const SERVICE = 'KMS';

const ERROR_TABLE = {
  codes: {
    InvalidCiphertextException: 'DECRYPTION_FAILED',
    IncorrectKeyException: 'DECRYPTION_FAILED',
    NotFoundException: 'DECRYPTION_FAILED',
    DisabledException: 'DECRYPTION_FAILED',
    KMSInvalidStateException: 'DECRYPTION_FAILED',
    InvalidKeyUsageException: 'DECRYPTION_FAILED',
    KMSInternalException: 'UNAVAILABLE',
    DependencyTimeoutException: 'UNAVAILABLE',
    KeyUnavailableException: 'UNAVAILABLE',
  },
} as const;

// A plain `require` of a literal name: bundlers see it, and it honours NODE_PATH, where Lambda's runtime keeps the SDK.
const loadSdk = sdkLoader(
  '@aws-sdk/client-kms',
  '@tokenchain/aws-kms',
  () => require('@aws-sdk/client-kms') as typeof import('@aws-sdk/client-kms'),
);

export interface KmsDecryptOptions extends AwsClientOptions<KMSClient, KMSClientConfig> {
  /**
   * The encryption context the value was encrypted with; KMS refuses any other. Lambda's console encrypts environment
   * variables with `{ LambdaFunctionName: <function name> }`; SSM SecureStrings use `{ PARAMETER_ARN: <parameter ARN> }`.
   */
  readonly encryptionContext?: Readonly<Record<string, string>>;
  /** Insist on this key (id, ARN, alias or alias ARN): ciphertext from another key is refused. Its ARN's region picks the client's. */
  readonly keyId?: string;
  /** Deadline of each KMS call, retries included (the inner source has its own). Default {@link DEFAULT_TIMEOUT_MS}. */
  readonly timeoutMs?: number;
  readonly observer?: TokenObserver;
}

/** @deprecated Renamed {@link KmsDecryptOptions} (factory arguments are `*Options`); this alias goes in the next minor. */
export type KmsDecryptInit = KmsDecryptOptions;

/**
 * Decrypts, with KMS, a key that another source holds as base64 ciphertext: Lambda's encrypted environment variables, or an
 * SSM String (or a SecureString read with `withDecryption: false`) holding ciphertext. The token keeps the inner token's
 * attributes, version and expiry; the source is named `kms(<inner name>)`.
 *
 * Errors of the inner source keep their class and code (a `TokenNotFoundError` still lets a chain move on) and are
 * re-issued under this source's name with the original as `cause`. A value that is not base64 is `MALFORMED`; a wrong
 * encryption context, a wrong, unknown or disabled key, or corrupted ciphertext is `DECRYPTION_FAILED`. Messages name the
 * inner source and the key, never the ciphertext or the plaintext.
 *
 * @example
 * ```ts
 * const source = kmsDecrypt(fromEnv({ variable: 'MOMENTO_API_KEY' }), {
 *   encryptionContext: { LambdaFunctionName: process.env.AWS_LAMBDA_FUNCTION_NAME ?? '' },
 * });
 * ```
 */
export function kmsDecrypt(source: TokenSource, init: KmsDecryptOptions = {}): TokenSource {
  return source.subscribe ? new SubscribableKmsSource(source, init) : new KmsDecryptSource(source, init);
}

/**
 * The source behind {@link kmsDecrypt}: a class, so that a source holds its inner source, its options and its client
 * getter, and its methods live on the prototype (a process may hold one per tenant). Names are made when asked.
 */
class KmsDecryptSource implements TokenSource {
  protected readonly inner: TokenSource;
  readonly #init: KmsDecryptOptions;
  protected readonly report: (event: TokenEvent) => void;
  readonly #getClient: () => Promise<KMSClient>;

  constructor(inner: TokenSource, init: KmsDecryptOptions) {
    const name = `kms(${inner.name})`;
    validate(init, name);
    this.inner = inner;
    this.#init = init;
    this.report = createReporter(init.observer);
    const keyRegion = init.client || init.keyId === undefined ? undefined : regionOfArn(init.keyId);
    this.#getClient = lazyClient(init, keyRegion, async (config) => new (loadSdk(name).KMSClient)(config));
  }

  get name(): string {
    return `kms(${this.inner.name})`;
  }

  async getToken(options: GetTokenOptions = {}): Promise<Token> {
    const name = this.name;
    throwIfAborted(options.signal, name);
    let token: Token;
    try {
      token = await this.inner.getToken(options);
    } catch (err) {
      throw renameError(err, name, this.inner.name);
    }
    return this.decrypt(token, options.signal);
  }

  protected decrypt(token: Token, signal: AbortSignal | undefined): Promise<Token> {
    const name = this.name;
    const what = `the value of ${this.inner.name} (key ${this.#init.keyId ?? 'named in the ciphertext'})`;
    let blob: Uint8Array;
    try {
      blob = decodeCiphertext(token.secret.reveal(), name, what);
    } catch (err) {
      return Promise.reject(err);
    }
    return awsCall(
      {
        source: name,
        service: SERVICE,
        what,
        timeoutMs: this.#init.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        report: this.report,
        errorTable: ERROR_TABLE,
        call: (callSignal) => this.#send(blob, callSignal),
        toResult(output: DecryptCommandOutput) {
          const plaintext = output.Plaintext;
          if (!(plaintext instanceof Uint8Array)) {
            throw new TokenSourceError(`${SERVICE} returned no plaintext for ${what}`, {
              source: name,
              code: 'MALFORMED',
            });
          }
          try {
            return withSecret(token, utf8(plaintext, name, what), { source: name });
          } finally {
            // The SDK's copy of the key is not needed once it is a string. A response without an HTTP status did not come
            // off the wire: it is a mocked client's, whose bytes belong to the test and may be answered again.
            if (output.$metadata?.httpStatusCode !== undefined) plaintext.fill(0);
          }
        },
      },
      signal,
    );
  }

  async #send(blob: Uint8Array, signal: AbortSignal | undefined): Promise<DecryptCommandOutput> {
    const init = this.#init;
    const client = await this.#getClient();
    const command = new (loadSdk(this.name).DecryptCommand)({
      CiphertextBlob: blob,
      ...(init.encryptionContext !== undefined && { EncryptionContext: { ...init.encryptionContext } }),
      ...(init.keyId !== undefined && { KeyId: init.keyId }),
    });
    return client.send(command, signal ? { abortSignal: signal } : {});
  }
}

/** Over an inner source that announces keys (a watched file): so does this one, each key decrypted before it is passed on. */
class SubscribableKmsSource extends KmsDecryptSource {
  subscribe(listener: TokenListener): () => void {
    return this.inner.subscribe!((token) => {
      this.decrypt(token, undefined).then(listener, (err: unknown) => {
        const name = this.name;
        const reason = TokenSourceError.is(err) ? err.message : `${name}: decrypting an announced key failed`;
        this.report({ type: 'warning', source: name, time: Date.now(), message: reason });
      });
    });
  }
}

function utf8(bytes: Uint8Array, source: string, what: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new TokenSourceError(`the plaintext of ${what} is not UTF-8 text`, { source, code: 'MALFORMED' });
  }
}

function validate(init: KmsDecryptOptions, source: string): void {
  const problem =
    awsOptionsProblem(init) ??
    (init.keyId !== undefined && init.keyId.trim().length === 0 ? 'keyId must not be empty' : undefined);
  if (problem) throw new TokenSourceError(problem, { source, code: 'INVALID_CONFIGURATION' });
}
