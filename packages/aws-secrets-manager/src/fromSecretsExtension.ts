import { request } from 'node:http';
import { awsErrorSummary, type SecretValueOptions, secretValueToToken } from '@tokenchain/aws-shared';
import {
  abortedError,
  createReporter,
  deadlineSignal,
  raceAbort,
  sleep,
  type TokenErrorCode,
  TokenNotFoundError,
  type TokenObserver,
  type TokenSource,
  TokenSourceError,
  throwIfAborted,
} from '@tokenchain/core';
import { decodeSecretBinary } from './decodeSecretBinary.js';
import { DEFAULT_MAX_ATTEMPTS, DEFAULT_TIMEOUT_MS } from './fromSecretsManager.js';

/** The extension's port when `PARAMETERS_SECRETS_EXTENSION_HTTP_PORT` is not set. */
export const DEFAULT_EXTENSION_PORT = 2773;

const SERVICE = 'the AWS Parameters and Secrets Lambda Extension';
const FIRST_BACKOFF_MS = 50;
const MAX_BACKOFF_MS = 1000;
const RETRYABLE: ReadonlySet<TokenErrorCode> = new Set(['THROTTLED', 'UNAVAILABLE']);
const AWS_ERROR_NAME = /\b([A-Z][A-Za-z]*(?:Exception|Failure))\b/;

export interface SecretsExtensionInit extends SecretValueOptions {
  /** The secret's name or ARN. */
  readonly secretId: string;
  readonly versionStage?: string;
  readonly versionId?: string;
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
export function fromSecretsExtension(init: SecretsExtensionInit): TokenSource {
  const { secretId } = init;
  const name = `secrets-extension:${secretId}`;
  const what = `secret ${secretId}`;
  if (typeof secretId !== 'string' || secretId.trim().length === 0) {
    throw new TokenSourceError('secretId must be a non-empty string', { source: name, code: 'INVALID_CONFIGURATION' });
  }
  const host = init.host ?? '127.0.0.1';
  const port = init.port ?? portFromEnv(name);
  const timeoutMs = init.timeoutMs ?? DEFAULT_TIMEOUT_MS;
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
            await sleep(backoff(attempt), deadline.signal, name);
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
  if (type === 'ResourceNotFoundException')
    return new TokenNotFoundError(`${what} does not exist (${detail})`, { source });
  const [code, message]: [TokenErrorCode, string] =
    status === 401 || status === 403
      ? ['ACCESS_DENIED', `${SERVICE} refused the session token`]
      : type === 'AccessDeniedException'
        ? ['ACCESS_DENIED', `access to ${what} was denied`]
        : type === 'DecryptionFailure'
          ? ['DECRYPTION_FAILED', `Secrets Manager could not decrypt ${what}`]
          : status === 429 || /Throttl/.test(type ?? '')
            ? ['THROTTLED', `reading ${what} was throttled`]
            : status >= 500
              ? ['UNAVAILABLE', `${SERVICE} failed reading ${what}`]
              : type === 'InvalidRequestException' ||
                  type === 'InvalidParameterException' ||
                  type === 'ValidationException'
                ? ['INVALID_CONFIGURATION', `Secrets Manager refused the request for ${what}`]
                : ['UNKNOWN', `reading ${what} through ${SERVICE} failed`];
  return new TokenSourceError(`${message} (${detail})`, { source, code });
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

/** Exponential backoff with full jitter, so Lambda instances that fail together do not retry together. */
function backoff(attempt: number): number {
  return Math.random() * Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** attempt);
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
