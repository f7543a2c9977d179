import type { IncomingMessage, ServerResponse } from 'node:http';

/** Which requests a fault hits and how often. */
export interface FaultScope {
  /** Only this operation, e.g. `secretsmanager.GetSecretValue`, `ssm.GetParameter`, `kms.Decrypt`. Default: every one. */
  readonly operation?: string;
  /** How many requests it hits. Default: every request until `clearFaults()`. */
  readonly times?: number;
}

/** Something to go wrong on the next requests. */
export type AwsFault = FaultScope &
  (
    | { readonly kind: 'throttle' }
    | { readonly kind: 'server-error'; readonly status?: 500 | 502 | 503 | 504 }
    | { readonly kind: 'access-denied' }
    /**
     * Any AWS error by name, e.g. `{ kind: 'error', type: 'DecryptionFailure' }`. `fields` are added to the JSON body, as
     * a service may send more than `__type` and `message` (the SDK copies them onto its exception).
     */
    | {
        readonly kind: 'error';
        readonly type: string;
        readonly status?: number;
        readonly message?: string;
        readonly fields?: Readonly<Record<string, unknown>>;
      }
    /**
     * What a load balancer or proxy in front of the service answers when it fails: an HTML page (default) or plain text,
     * not AWS JSON. Default status 500.
     */
    | { readonly kind: 'proxy-page'; readonly status?: 500 | 502 | 503 | 504; readonly format?: 'html' | 'text' }
    /** Answers 200 at once, then sends the body one byte every `intervalMs` (default 100), never finishing it. */
    | { readonly kind: 'drip'; readonly intervalMs?: number }
    /** Never answers; the connection stays open until the client gives up or the fake closes. */
    | { readonly kind: 'hang' }
    /** Destroys the socket without an answer. */
    | { readonly kind: 'reset' }
    /** Answers 200 with a body that is not valid JSON (by default `{"this is": not json`). */
    | { readonly kind: 'malformed'; readonly body?: string }
    /** Waits, then answers normally. */
    | { readonly kind: 'delay'; readonly ms: number }
  );

/** The faults waiting to hit requests, in the order they were added. */
export interface FaultPlan {
  add(fault: AwsFault): void;
  clear(): void;
  /** The fault for this request, if any; counts it against its `times`. */
  take(operation: string): AwsFault | undefined;
}

export function createFaultPlan(): FaultPlan {
  const pending: { fault: AwsFault; remaining: number }[] = [];
  return {
    add(fault) {
      const remaining = fault.times ?? Number.POSITIVE_INFINITY;
      if (remaining > 0) pending.push({ fault, remaining });
    },
    clear() {
      pending.length = 0;
    },
    take(operation) {
      const index = pending.findIndex((p) => p.fault.operation === undefined || p.fault.operation === operation);
      if (index < 0) return undefined;
      const entry = pending[index]!;
      entry.remaining -= 1;
      if (entry.remaining <= 0) pending.splice(index, 1);
      return entry.fault;
    },
  };
}

export type ErrorWriter = (
  res: ServerResponse,
  status: number,
  type: string,
  message: string,
  fields?: Readonly<Record<string, unknown>>,
) => void;

const PROXY_REASONS: Readonly<Record<number, string>> = {
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Temporarily Unavailable',
  504: 'Gateway Time-out',
};

/** Long enough that no deadline in the tests outlives the drip. */
const DRIP_BODY = `{"padding":"${'x'.repeat(10_000)}"}`;

const SERVER_ERROR_TYPES: Readonly<Record<number, string>> = {
  500: 'InternalFailure',
  502: 'BadGateway',
  503: 'ServiceUnavailable',
  504: 'GatewayTimeout',
};

/**
 * Acts out a fault. Resolves `true` when the fault answered (or deliberately did not answer) the request, `false` when the
 * request should now be served normally (after a delay).
 */
export async function applyFault(
  fault: AwsFault,
  req: IncomingMessage,
  res: ServerResponse,
  operation: string,
  writeError: ErrorWriter,
): Promise<boolean> {
  switch (fault.kind) {
    case 'throttle':
      writeError(res, 400, 'ThrottlingException', 'Rate exceeded');
      return true;
    case 'server-error': {
      const status = fault.status ?? 500;
      writeError(res, status, SERVER_ERROR_TYPES[status] ?? 'InternalFailure', 'injected server error');
      return true;
    }
    case 'access-denied':
      writeError(
        res,
        400,
        'AccessDeniedException',
        `User: arn:aws:iam::123456789012:user/test is not authorized to perform: ${operation}`,
      );
      return true;
    case 'error':
      writeError(res, fault.status ?? 400, fault.type, fault.message ?? `injected ${fault.type}`, fault.fields);
      return true;
    case 'proxy-page': {
      const status = fault.status ?? 500;
      const reason = PROXY_REASONS[status] ?? 'Error';
      const html = (fault.format ?? 'html') === 'html';
      res.writeHead(status, { 'content-type': html ? 'text/html' : 'text/plain', server: 'awselb/2.0' });
      res.end(
        html
          ? `<html>\r\n<head><title>${status} ${reason}</title></head>\r\n<body>\r\n<center><h1>${status} ${reason}</h1></center>\r\n</body>\r\n</html>\r\n`
          : `${reason}\n`,
      );
      return true;
    }
    case 'drip': {
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      let sent = 0;
      const timer = setInterval(() => {
        if (sent < DRIP_BODY.length) res.write(DRIP_BODY[sent]);
        sent += 1;
      }, fault.intervalMs ?? 100);
      timer.unref();
      res.on('close', () => clearInterval(timer));
      return true;
    }
    case 'hang':
      return true;
    case 'reset':
      req.socket.destroy();
      return true;
    case 'malformed':
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(fault.body ?? '{"this is": not json');
      return true;
    case 'delay':
      await new Promise<void>((resolve) => setTimeout(resolve, fault.ms).unref());
      return false;
  }
}
