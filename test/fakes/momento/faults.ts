import type { status } from '@grpc/grpc-js';
import type { MomentoFakeMethod } from './calls.js';

/** A gRPC error the fake answers with instead of serving the call. */
export interface MomentoFault {
  /** Only this RPC. Default: every one. */
  readonly method?: MomentoFakeMethod;
  /** The gRPC status, e.g. `status.UNAVAILABLE`. */
  readonly code: status;
  readonly details?: string;
  /** How many calls it hits. Default: every call until `clearFaults()`. */
  readonly times?: number;
}

export interface MomentoFaultPlan {
  add(fault: MomentoFault): void;
  clear(): void;
  take(method: MomentoFakeMethod): MomentoFault | undefined;
}

export function createMomentoFaultPlan(): MomentoFaultPlan {
  const pending: { fault: MomentoFault; remaining: number }[] = [];
  return {
    add(fault) {
      const remaining = fault.times ?? Number.POSITIVE_INFINITY;
      if (remaining > 0) pending.push({ fault, remaining });
    },
    clear() {
      pending.length = 0;
    },
    take(method) {
      const index = pending.findIndex((p) => p.fault.method === undefined || p.fault.method === method);
      if (index < 0) return undefined;
      const entry = pending[index]!;
      entry.remaining -= 1;
      if (entry.remaining <= 0) pending.splice(index, 1);
      return entry.fault;
    },
  };
}
