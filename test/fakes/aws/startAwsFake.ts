import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AwsFakeError } from './AwsFakeError.js';
import { type AwsFault, applyFault, createFaultPlan } from './faults.js';
import type { Input, RequestContext } from './input.js';
import { createKmsService, type KmsFake } from './kmsFake.js';
import { createSecretsManagerService, type SecretsManagerFake } from './secretsManagerFake.js';
import { createSsmService, type SsmFake } from './ssmFake.js';

export interface AwsFakeOptions {
  /** The region of seeded data and of `clientConfig()`. Default `us-east-1`. */
  readonly region?: string;
  readonly accountId?: string;
}

/** One request as the fake saw it. */
export interface AwsFakeRequest {
  /** `secretsmanager.GetSecretValue`, `ssm.GetParameter`, `kms.Decrypt`... */
  readonly operation: string;
  /** From the `amz-sdk-request: attempt=N; max=M` header; 1 when absent. */
  readonly attempt: number;
  readonly maxAttempts?: number;
  /** The region the request was signed for. */
  readonly region: string;
  readonly input: Input;
  readonly time: number;
}

/** What to hand the real SDK clients: `new SecretsManagerClient(fake.clientConfig())`. */
export interface AwsClientConfig {
  readonly endpoint: string;
  readonly region: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
}

/** A running fake of Secrets Manager, SSM Parameter Store and KMS. */
export interface AwsFake {
  readonly url: string;
  readonly port: number;
  readonly region: string;
  readonly accountId: string;
  readonly secretsManager: SecretsManagerFake;
  readonly ssm: SsmFake;
  readonly kms: KmsFake;
  /** Endpoint, region (default the fake's) and static credentials for a real SDK client. */
  clientConfig(options?: { readonly region?: string }): AwsClientConfig;
  /** How many requests arrived, for one operation (e.g. `secretsmanager.GetSecretValue`) or in all. Retries count. */
  count(operation?: string): number;
  /** The `amz-sdk-request` attempt numbers of an operation's requests, in order: `[1, 2, 3]` means two retries. */
  attempts(operation: string): number[];
  readonly requests: readonly AwsFakeRequest[];
  /** TCP connections accepted so far: a client that reuses its connection adds one, however many calls it makes. */
  readonly connections: number;
  /** Forgets recorded requests and the connection count. */
  resetRequests(): void;
  /** Makes the next requests (all, or `times` of them, optionally of one operation) fail in the given way. */
  inject(fault: AwsFault): void;
  clearFaults(): void;
  /**
   * Runs an operation in-process, without HTTP, faults or request records (e.g. `dispatch('ssm.GetParameter', { Name })`).
   * Throws an `AwsFakeError` as the operation would fail.
   */
  dispatch(operation: string, input: Input, options?: { readonly region?: string }): unknown;
  /** Drops every connection (hung ones too) and stops listening. */
  close(): Promise<void>;
}

const SERVICES: Readonly<Record<string, string>> = {
  secretsmanager: 'secretsmanager',
  AmazonSSM: 'ssm',
  TrentService: 'kms',
};

const CONTENT_TYPE = 'application/x-amz-json-1.1';

/**
 * Starts a fake of the AWS JSON 1.1 APIs that tokenchain uses, on 127.0.0.1 and a free port. The real SDK clients talk to
 * it end to end: serialization, signing, retries, timeouts, abort and error parsing all run for real.
 *
 * @example
 * ```ts
 * const fake = await startAwsFake();
 * fake.secretsManager.put('momento', 'key-1');
 * const client = new SecretsManagerClient(fake.clientConfig());
 * fake.inject({ kind: 'throttle', times: 2, operation: 'secretsmanager.GetSecretValue' });
 * ```
 */
export async function startAwsFake(options: AwsFakeOptions = {}): Promise<AwsFake> {
  const region = options.region ?? 'us-east-1';
  const accountId = options.accountId ?? '123456789012';
  const kms = createKmsService(region, accountId);
  const secretsManager = createSecretsManagerService(region, accountId);
  const ssm = createSsmService(region, accountId, secretsManager, kms);
  const handlers: Readonly<Record<string, (op: string, input: Input, context: RequestContext) => unknown>> = {
    secretsmanager: secretsManager.handle,
    ssm: ssm.handle,
    kms: kms.handle,
  };
  const faults = createFaultPlan();
  const requests: AwsFakeRequest[] = [];

  const serve = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const body = await readBody(req);
    const target = String(req.headers['x-amz-target'] ?? '');
    const dot = target.indexOf('.');
    const service = SERVICES[target.slice(0, dot)];
    const op = target.slice(dot + 1);
    if (req.method !== 'POST' || dot < 0 || service === undefined) {
      writeAwsError(res, 400, 'UnknownOperationException', `unknown target ${target}`);
      return;
    }
    const operation = `${service}.${op}`;
    const context: RequestContext = { region: signedRegion(req) ?? region };
    let input: Input;
    try {
      input = body.length === 0 ? {} : (JSON.parse(body) as Input);
    } catch {
      writeAwsError(res, 400, 'SerializationException', 'the request body is not JSON');
      return;
    }
    requests.push({ operation, ...parseAttempt(req), region: context.region, input, time: Date.now() });

    const fault = faults.take(operation);
    if (fault && (await applyFault(fault, req, res, operation, writeAwsError))) return;
    if (res.destroyed) return;
    try {
      const output = handlers[service]!(op, input, context);
      res.writeHead(200, { 'content-type': CONTENT_TYPE, 'x-amzn-requestid': randomUUID() });
      res.end(JSON.stringify(output));
    } catch (err) {
      if (err instanceof AwsFakeError) writeAwsError(res, err.status, err.type, err.message);
      else writeAwsError(res, 500, 'InternalFailure', err instanceof Error ? err.message : String(err));
    }
  };

  const server = createServer((req, res) => {
    serve(req, res).catch((err: unknown) => {
      if (!res.headersSent && !res.destroyed) writeAwsError(res, 500, 'InternalFailure', String(err));
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
  const url = `http://127.0.0.1:${port}`;
  let connections = 0;
  server.on('connection', () => {
    connections += 1;
  });

  return {
    url,
    port,
    region,
    accountId,
    secretsManager: secretsManager.api,
    ssm: ssm.api,
    kms: kms.api,
    clientConfig: (config = {}) => ({
      endpoint: url,
      region: config.region ?? region,
      credentials: { accessKeyId: 'AKIDFAKEFAKEFAKE', secretAccessKey: 'fake-secret-access-key' },
    }),
    count: (operation) =>
      operation === undefined ? requests.length : requests.filter((r) => r.operation === operation).length,
    attempts: (operation) => requests.filter((r) => r.operation === operation).map((r) => r.attempt),
    requests,
    get connections() {
      return connections;
    },
    resetRequests() {
      requests.length = 0;
      connections = 0;
    },
    inject: (fault) => faults.add(fault),
    clearFaults: () => faults.clear(),
    dispatch(operation, input, config = {}) {
      const dot = operation.indexOf('.');
      const handler = handlers[operation.slice(0, dot)];
      if (!handler) throw new AwsFakeError('UnknownOperationException', `unknown operation ${operation}`);
      return handler(operation.slice(dot + 1), input, { region: config.region ?? region });
    },
    close: () => closeServer(server),
  };
}

/** Stops a server at once, even with keep-alive or hung connections open. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

export function writeAwsError(
  res: ServerResponse,
  status: number,
  type: string,
  message: string,
  fields: Readonly<Record<string, unknown>> = {},
): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { 'content-type': CONTENT_TYPE, 'x-amzn-errortype': type, 'x-amzn-requestid': randomUUID() });
  res.end(JSON.stringify({ ...fields, __type: type, message }));
}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseAttempt(req: IncomingMessage): { attempt: number; maxAttempts?: number } {
  const header = String(req.headers['amz-sdk-request'] ?? '');
  const attempt = /attempt=(\d+)/.exec(header)?.[1];
  const max = /max=(\d+)/.exec(header)?.[1];
  return {
    attempt: attempt === undefined ? 1 : Number(attempt),
    ...(max !== undefined && { maxAttempts: Number(max) }),
  };
}

/** The region from the SigV4 credential scope: `Credential=AKID/20240101/eu-west-1/secretsmanager/aws4_request`. */
function signedRegion(req: IncomingMessage): string | undefined {
  const auth = String(req.headers.authorization ?? '');
  return /Credential=[^/]+\/\d{8}\/([^/]+)\//.exec(auth)?.[1];
}
