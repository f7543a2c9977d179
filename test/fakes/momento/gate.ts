import { type Metadata, type ServiceError, status } from '@grpc/grpc-js';
import { authorizationOf, type CallFilter, type MomentoFakeMethod, type RecordedCall } from './calls.js';
import type { MomentoFaultPlan } from './faults.js';
import type { Permits } from './permits.js';

/** What every call passes through: latency, faults, the key check, and the call log. */
export interface Gate {
  /** Resolves with the caller's key, or with the gRPC error to answer. */
  admit(method: MomentoFakeMethod, metadata: Metadata, cacheName: string): Promise<Admission>;
  /** The same, for a key that travels in the request body (the token service's `auth_token`). */
  admitKey(method: MomentoFakeMethod, key: string, cacheName: string): Promise<Admission>;
  isAllowed(wireKey: string): boolean;
  allow(wireKey: string): void;
  /**
   * Accepts `wireKey` until `expiresAt` (epoch ms), as Momento does a disposable token (UNAUTHENTICATED after), and only for
   * the calls `permits` allows (PERMISSION_DENIED for others).
   */
  allowUntil(wireKey: string, expiresAt: number, permits?: Permits): void;
  revoke(wireKey: string): void;
  count(filter: CallFilter, normalize: (key: string) => string): number;
  calls(): readonly RecordedCall[];
  resetCalls(): void;
  setLatency(ms: number): void;
}

export type Admission =
  | { readonly ok: true; readonly key: string }
  | { readonly ok: false; readonly error: ServiceError };

export function createGate(faults: MomentoFaultPlan, initialLatencyMs: number): Gate {
  const allowed = new Set<string>();
  const expiries = new Map<string, number>();
  const scopes = new Map<string, Permits>();
  const isAllowed = (key: string) => allowed.has(key) && (expiries.get(key) ?? Number.POSITIVE_INFINITY) > Date.now();
  const log: RecordedCall[] = [];
  let latencyMs = initialLatencyMs;

  const gate: Gate = {
    admit: (method, metadata, cacheName) => gate.admitKey(method, authorizationOf(metadata), cacheName),
    async admitKey(method, key, cacheName) {
      if (latencyMs > 0) await delay(latencyMs);
      const fault = faults.take(method);
      if (fault) {
        log.push({ method, key, outcome: 'fault', cacheName });
        return { ok: false, error: serviceError(fault.code, fault.details ?? `injected fault on ${method}`) };
      }
      if (!isAllowed(key)) {
        log.push({ method, key, outcome: 'unauthenticated', cacheName });
        return { ok: false, error: unauthenticated() };
      }
      if (scopes.get(key)?.(method, cacheName) === false) {
        log.push({ method, key, outcome: 'denied', cacheName });
        return {
          ok: false,
          error: serviceError(status.PERMISSION_DENIED, 'Insufficient permissions to perform an operation on a cache'),
        };
      }
      log.push({ method, key, outcome: 'ok', cacheName });
      return { ok: true, key };
    },
    isAllowed,
    allow(wireKey) {
      allowed.add(wireKey);
      expiries.delete(wireKey);
    },
    allowUntil(wireKey, expiresAt, permits) {
      allowed.add(wireKey);
      expiries.set(wireKey, expiresAt);
      if (permits) scopes.set(wireKey, permits);
    },
    revoke: (wireKey) => void allowed.delete(wireKey),
    count(filter, normalize) {
      const key = filter.key === undefined ? undefined : normalize(filter.key);
      return log.filter(
        (c) =>
          (filter.method === undefined || c.method === filter.method) &&
          (key === undefined || c.key === key) &&
          (filter.outcome === undefined || c.outcome === filter.outcome) &&
          (filter.cacheName === undefined || c.cacheName === filter.cacheName),
      ).length;
    },
    calls: () => [...log],
    resetCalls() {
      log.length = 0;
    },
    setLatency(ms) {
      latencyMs = ms;
    },
  };
  return gate;
}

export function unauthenticated(): ServiceError {
  // The wording of Momento's own answer, so the SDK's error reads the same as in production.
  return serviceError(status.UNAUTHENTICATED, 'Invalid signature');
}

export function serviceError(code: status, details: string): ServiceError {
  return Object.assign(new Error(details), { code, details, metadata: undefined as unknown as Metadata });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
