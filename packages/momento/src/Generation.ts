/**
 * One SDK client and the key it was built with. A generation that is no longer the manager's current one is retired: it
 * is closed as soon as nothing runs on it.
 */
export interface Generation<C> {
  readonly client: C;
  readonly fingerprint: string;
  /** Calls (and topic streams) running on this client. It is closed only when this is back to 0. */
  inFlight: number;
  disposed: boolean;
}
