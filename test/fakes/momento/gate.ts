import { type Metadata, type ServiceError, status } from '@grpc/grpc-js';
import { authorizationOf, type CallFilter, type MomentoFakeMethod, type RecordedCall } from './calls.js';
import type { MomentoFaultPlan } from './faults.js';

/** What every call passes through: latency, faults, the key check, and the call log. */
export interface Gate {
  /** Resolves with the caller's key, or with the gRPC error to answer. */
  admit(method: MomentoFakeMethod, metadata: Metadata, cacheName: string): Promise<Admission>;
  isAllowed(wireKey: string): boolean;
  allow(wireKey: string): void;
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
  const log: RecordedCall[] = [];
  let latencyMs = initialLatencyMs;

  return {
    async admit(method, metadata, cacheName) {
      if (latencyMs > 0) await delay(latencyMs);
      const key = authorizationOf(metadata);
      const fault = faults.take(method);
      if (fault) {
        log.push({ method, key, outcome: 'fault', cacheName });
        return { ok: false, error: serviceError(fault.code, fault.details ?? `injected fault on ${method}`) };
      }
      if (!allowed.has(key)) {
        log.push({ method, key, outcome: 'unauthenticated', cacheName });
        return { ok: false, error: unauthenticated() };
      }
      log.push({ method, key, outcome: 'ok', cacheName });
      return { ok: true, key };
    },
    isAllowed: (wireKey) => allowed.has(wireKey),
    allow: (wireKey) => void allowed.add(wireKey),
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
