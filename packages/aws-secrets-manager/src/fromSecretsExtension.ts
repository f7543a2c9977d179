import { request } from 'node:http';
import {
  awsErrorCode,
  awsErrorSummary,
  DEFAULT_AWS_TIMEOUT_MS,
  DEFAULT_MAX_ATTEMPTS,
  type SecretValueOptions,
  secretValueToToken,
} from '@tokenchain/aws-shared';
import {
  type TokenErrorCode,
  TokenNotFoundError,
  type TokenObserver,
  type TokenSource,
  TokenSourceError,
} from '@tokenchain/core';
import {
  abortedError,
  backoffDelay,
  createReporter,
  deadlineSignal,
  raceAbort,
  sleep,
  throwIfAborted,
} from '@tokenchain/core/source-kit';
import { decodeSecretBinary } from './decodeSecretBinary.js';
import type { SecretVersion } from './SecretVersion.js';
import { SECRETS_MANAGER_ERRORS } from './secretsManagerErrors.js';

/** The extension's port when `PARAMETERS_SECRETS_EXTENSION_HTTP_PORT` is not set. */
export const DEFAULT_EXTENSION_PORT = 2773;

const SERVICE = 'the AWS Parameters and Secrets Lambda Extension';
/** Between tries: core's doubling backoff with jitter, so Lambda instances that fail together do not retry together. */
const RETRY_BACKOFF = { initialMs: 100, maxMs: 1000 } as const;
const RETRYABLE: ReadonlySet<TokenErrorCode> = new Set(['THROTTLED', 'UNAVAILABLE']);
const AWS_ERROR_NAME = /\b([A-Z][A-Za-z]*(?:Exception|Failure))\b/;

export interface SecretsExtensionOptions extends SecretValueOptions, SecretVersion {
  /** Default: `PARAMETERS_SECRETS_EXTENSION_HTTP_PORT`, else {@link DEFAULT_EXTENSION_PORT}. */
  readonly port?: number;
  /** Default `127.0.0.1`. */
  readonly host?: string;
  /** Sent as `X-Aws-Parameters-Secrets-Token`. Default: `AWS_SESSION_TOKEN`, read on each call. */
  readonly sessionToken?: string;
  /** Deadline of each `getToken` call, retries included. Default 5000 ms; `Infinity` for none. */
  readonly timeoutMs?: number;
  /** Attempts per call when the extension is unreachable, throttled or failing (5xx). Default 3. */
  readonly maxAttempts?: number;
  readonly observer?: TokenObserver;
}

/** @deprecated Renamed {@link SecretsExtensionOptions} (factory arguments are `*Options`); this alias goes in the next minor. */
export type SecretsExtensionInit = SecretsExtensionOptions;

/**
 * A Momento API key from Secrets Manager through the AWS Parameters and Secrets Lambda Extension, which caches secrets
 * inside the Lambda execution environment: `GET http://127.0.0.1:2773/secretsmanager/get?secretId=...` with
 * `AWS_SESSION_TOKEN` as `X-Aws-Parameters-Secrets-Token`. No AWS SDK is needed.
 *
 * Errors follow {@link fromSecretsManager}: an unknown secret is `TokenNotFoundError`; a refused token is `ACCESS_DENIED`;
 * an unreachable extension (layer not installed) is `UNAVAILABLE` after `maxAttempts` tries.
 *
 * @example
 * ```ts
 * const source = fromSecretsExtension({ secretId: 'prod/momento', jsonField: 'apiKey' });
 * ```
 */
export function fromSecretsExtension(init: SecretsExtensionOptions): TokenSource {
  const { secretId } = init;
  const name = `secrets-extension:${secretId}`;
  const what = `secret ${secretId}`;
  if (typeof secretId !== 'string' || secretId.trim().length === 0) {
    throw new TokenSourceError('secretId must be a non-empty string', { source: name, code: 'INVALID_CONFIGURATION' });
  }
  const host = init.host ?? '127.0.0.1';
  const port = init.port ?? portFromEnv(name);
  const timeoutMs = init.timeoutMs ?? DEFAULT_AWS_TIMEOUT_MS;
  const maxAttempts = init.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const report = createReporter(init.observer);
  const url = new URL(`http://${host.includes(':') ? `[${host}]` : host}:${port}/secretsmanager/get`);
  url.searchParams.set('secretId', secretId);
  if (init.versionId !== undefined) url.searchParams.set('versionId', init.versionId);
  if (init.versionStage !== undefined) url.searchParams.set('versionStage', init.versionStage);

  const once = async (signal: AbortSignal | undefined): Promise<Record<string, unknown>> => {
    const sessionToken = init.sessionToken ?? process.env.AWS_SESSION_TOKEN;
    if (!sessionToken) {
      throw new TokenSourceError('AWS_SESSION_TOKEN is not set, and the extension requires it', {
        source: name,
        code: 'INVALID_CONFIGURATION',
      });
    }
    let response: { status: number; body: string };
    try {
      response = await get(url, { 'X-Aws-Parameters-Secrets-Token': sessionToken }, signal);
    } catch (err) {
      if (signal?.aborted) throw abortedError(name, signal, `reading ${what}`);
      const code = (err as { code?: unknown }).code;
      throw new TokenSourceError(
        `${SERVICE} is unreachable at ${host}:${port} (${String(code ?? (err as Error).name)}); is its layer installed?`,
        { source: name, code: 'UNAVAILABLE', cause: awsErrorSummary(err) },
      );
    }
    if (response.status === 200) return parseBody(response.body, name, what);
    throw errorFor(response, name, what);
  };

  return {
    name,
    async getToken(options = {}) {
      throwIfAborted(options.signal, name);
      const deadline = deadlineSignal(options.signal, timeoutMs);
      try {
        for (let attempt = 1; ; attempt += 1) {
          try {
            const output = await raceAbort(once(deadline.signal), deadline.signal, name);
            return secretValueToToken({
              source: name,
              what,
              value: secretText(output, name, what),
              version: typeof output.VersionId === 'string' ? output.VersionId : undefined,
              jsonField: init.jsonField,
              attributeFields: init.attributeFields,
              report,
            });
          } catch (err) {
            if (deadline.signal?.aborted) throw abortedError(name, deadline.signal, `reading ${what}`);
            if (!TokenSourceError.is(err) || !RETRYABLE.has(err.code) || attempt >= maxAttempts) throw err;
            report({
              type: 'warning',
              source: name,
              time: Date.now(),
              message: `attempt ${attempt} failed: ${err.message}`,
            });
            await sleep(backoffDelay(attempt, RETRY_BACKOFF, Math.random), deadline.signal, name);
          }
        }
      } finally {
        deadline.dispose();
      }
    },
  };
}

function errorFor(response: { status: number; body: string }, source: string, what: string): TokenSourceError {
  const { status, body } = response;
  // Only the AWS error's name is taken from the body; the rest is never echoed.
  const type = AWS_ERROR_NAME.exec(body)?.[1];
  const detail = `HTTP ${status}${type ? ` ${type}` : ''}`;
  if (type !== undefined && SECRETS_MANAGER_ERRORS.notFound?.includes(type)) {
    return new TokenNotFoundError(`${what} does not exist (${detail})`, { source });
  }
  if (status === 401 || status === 403) {
    return new TokenSourceError(`${SERVICE} refused the session token (${detail})`, { source, code: 'ACCESS_DENIED' });
  }
  // The extension relays Secrets Manager's own error names: they mean what they mean from the SDK.
  const code: TokenErrorCode =
    (type === undefined ? undefined : awsErrorCode(type, SECRETS_MANAGER_ERRORS)) ??
    (status === 429 ? 'THROTTLED' : status >= 500 ? 'UNAVAILABLE' : 'UNKNOWN');
  return new TokenSourceError(`${describe(code, what)} (${detail})`, { source, code });
}

function describe(code: TokenErrorCode, what: string): string {
  switch (code) {
    case 'ACCESS_DENIED':
      return `access to ${what} was denied`;
    case 'DECRYPTION_FAILED':
      return `Secrets Manager could not decrypt ${what}`;
    case 'THROTTLED':
      return `reading ${what} was throttled`;
    case 'UNAVAILABLE':
      return `${SERVICE} failed reading ${what}`;
    case 'INVALID_CONFIGURATION':
      return `Secrets Manager refused the request for ${what}`;
    default:
      return `reading ${what} through ${SERVICE} failed`;
  }
}

function parseBody(body: string, source: string, what: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch {
    // The parser's message may quote the body, which holds the secret.
  }
  throw new TokenSourceError(`${SERVICE} sent an unreadable response for ${what}`, { source, code: 'MALFORMED' });
}

function secretText(output: Readonly<Record<string, unknown>>, source: string, what: string): string {
  if (typeof output.SecretString === 'string') return output.SecretString;
  if (typeof output.SecretBinary === 'string') {
    return decodeSecretBinary(Buffer.from(output.SecretBinary, 'base64'), source, what);
  }
  throw new TokenSourceError(`${what} has neither SecretString nor SecretBinary`, { source, code: 'MALFORMED' });
}

function portFromEnv(source: string): number {
  const raw = process.env.PARAMETERS_SECRETS_EXTENSION_HTTP_PORT;
  if (raw === undefined || raw === '') return DEFAULT_EXTENSION_PORT;
  const port = Number(raw);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) {
    throw new TokenSourceError('PARAMETERS_SECRETS_EXTENSION_HTTP_PORT is not a port number', {
      source,
      code: 'INVALID_CONFIGURATION',
    });
  }
  return port;
}

function get(
  url: URL,
  headers: Readonly<Record<string, string>>,
  signal: AbortSignal | undefined,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'GET', headers, ...(signal && { signal }) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}
