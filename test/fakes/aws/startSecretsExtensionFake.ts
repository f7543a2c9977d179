import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AwsFakeError } from './AwsFakeError.js';
import { type AwsFault, applyFault, createFaultPlan } from './faults.js';
import type { Input } from './input.js';
import type { AwsFake } from './startAwsFake.js';
import { closeServer } from './startAwsFake.js';

export interface SecretsExtensionFakeOptions {
  /** The token callers must send in `X-Aws-Parameters-Secrets-Token` (Lambda uses AWS_SESSION_TOKEN). */
  readonly sessionToken?: string;
}

/** One request as the extension fake saw it. */
export interface SecretsExtensionRequest {
  /** `extension.GetSecretValue` or `extension.GetParameter`. */
  readonly operation: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  /** Whether the request carried the right session token. */
  readonly authorized: boolean;
}

/** A running imitation of the AWS Parameters and Secrets Lambda Extension, reading the stores of an {@link AwsFake}. */
export interface SecretsExtensionFake {
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly sessionToken: string;
  readonly requests: readonly SecretsExtensionRequest[];
  count(operation?: string): number;
  /** Faults as for the AWS fake; operations are `extension.GetSecretValue` and `extension.GetParameter`. */
  inject(fault: AwsFault): void;
  clearFaults(): void;
  close(): Promise<void>;
}

const SECRET_PATH = '/secretsmanager/get';
const PARAMETER_PATH = '/systemsmanager/parameters/get';

/**
 * Starts an imitation of the Lambda extension's local HTTP endpoint on 127.0.0.1: `GET /secretsmanager/get?secretId=...`
 * (with `versionId`/`versionStage`) answers the GetSecretValue JSON, and `GET /systemsmanager/parameters/get?name=...`
 * the GetParameter JSON. A missing or wrong `X-Aws-Parameters-Secrets-Token` gets 401; AWS errors come back as status 400
 * with a `<ErrorType>: <message>` text body (ResourceNotFoundException for an unknown secret).
 *
 * @example
 * ```ts
 * const aws = await startAwsFake();
 * const extension = await startSecretsExtensionFake(aws, { sessionToken: 'session' });
 * ```
 */
export async function startSecretsExtensionFake(
  aws: AwsFake,
  options: SecretsExtensionFakeOptions = {},
): Promise<SecretsExtensionFake> {
  const sessionToken = options.sessionToken ?? 'fake-session-token';
  const faults = createFaultPlan();
  const requests: SecretsExtensionRequest[] = [];
  // The real extension calls the AWS APIs; here it reads the AWS fake's stores in-process.
  const call = (operation: string, input: Input): { status: number; body: string } => {
    try {
      return { status: 200, body: JSON.stringify(aws.dispatch(operation, input)) };
    } catch (err) {
      if (!(err instanceof AwsFakeError)) throw err;
      return { status: err.status, body: JSON.stringify({ __type: err.type, message: err.message }) };
    }
  };

  const serve = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const query = Object.fromEntries(url.searchParams);
    const operation =
      url.pathname === SECRET_PATH
        ? 'extension.GetSecretValue'
        : url.pathname === PARAMETER_PATH
          ? 'extension.GetParameter'
          : 'extension.Unknown';
    const authorized = req.headers['x-aws-parameters-secrets-token'] === sessionToken;
    requests.push({ operation, path: url.pathname, query, authorized });
    if (!authorized) return writeText(res, 401, 'Unauthorized: missing or invalid X-Aws-Parameters-Secrets-Token');
    if (req.method !== 'GET' || operation === 'extension.Unknown') return writeText(res, 404, 'Not Found');

    const fault = faults.take(operation);
    if (fault && (await applyFault(fault, req, res, operation, writeExtensionError))) return;
    if (res.destroyed) return;

    const upstream =
      operation === 'extension.GetSecretValue'
        ? call('secretsmanager.GetSecretValue', {
            SecretId: query.secretId,
            ...(query.versionId !== undefined && { VersionId: query.versionId }),
            ...(query.versionStage !== undefined && { VersionStage: query.versionStage }),
          })
        : call('ssm.GetParameter', {
            Name: parameterName(query),
            WithDecryption: query.withDecryption === 'true',
          });
    if (upstream.status === 200) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(upstream.body);
      return;
    }
    const error = JSON.parse(upstream.body) as { __type: string; message: string };
    writeExtensionError(res, upstream.status, error.__type, error.message);
  };

  const server = createServer((req, res) => {
    serve(req, res).catch((err: unknown) => {
      if (!res.headersSent && !res.destroyed) writeText(res, 500, `internal error: ${String(err)}`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    host: '127.0.0.1',
    port,
    sessionToken,
    requests,
    count: (operation) =>
      operation === undefined ? requests.length : requests.filter((r) => r.operation === operation).length,
    inject: (fault) => faults.add(fault),
    clearFaults: () => faults.clear(),
    close: () => closeServer(server),
  };
}

function parameterName(query: Readonly<Record<string, string>>): string | undefined {
  const name = query.name;
  if (name === undefined) return undefined;
  if (query.version !== undefined) return `${name}:${query.version}`;
  if (query.label !== undefined) return `${name}:${query.label}`;
  return name;
}

function writeExtensionError(
  res: ServerResponse,
  status: number,
  type: string,
  message: string,
  fields?: Readonly<Record<string, unknown>>,
): void {
  // AWS error statuses pass through; the body names the AWS error type first, then whatever else the service said.
  writeText(res, status, `${type}: ${message}${fields === undefined ? '' : ` ${JSON.stringify(fields)}`}`);
}

function writeText(res: ServerResponse, status: number, text: string): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(text);
}
