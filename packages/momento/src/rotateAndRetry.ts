import type { Generation } from './Generation.js';

/** How many newer keys one call may be retried on after Momento rejected its key, each a key the call has not tried. */
export const MAX_ROTATIONS_PER_CALL = 3;

/** What {@link rotateAndRetry} needs of a client manager. */
export interface KeyRotation<C> {
  /** One forced refresh shared by every caller that saw `rejected` fail: the client for a different key, or undefined. */
  rotate(rejected: Generation<C>): Promise<Generation<C> | undefined>;
  /** Counts a generation as in use, if it still may be. */
  lease(generation: Generation<C>): boolean;
}

/**
 * The one rotate-and-retry step of the Momento clients, for SDK calls and topic streams alike: while `outcome` says Momento
 * rejected the key of `rejected`, rotates and runs `attempt` again on the client for the new key (leased for it; `attempt`
 * gives the lease back). The store can rotate again while a retry is on the wire (two rotations within one round trip), so
 * each retry may move on once more, to a key not tried yet, up to {@link MAX_ROTATIONS_PER_CALL}: a store that keeps
 * handing out revoked keys costs a call a few round trips, not a loop. Resolves with the last outcome.
 *
 * @example
 * ```ts
 * const first = await manager.acquire();
 * const outcome = await rotateAndRetry(manager, first, await attempt(first), attempt, (o) => isAuthenticationError(o));
 * ```
 */
export async function rotateAndRetry<C, R>(
  manager: KeyRotation<C>,
  rejected: Generation<C>,
  outcome: R,
  attempt: (generation: Generation<C>) => Promise<R>,
  isRejected: (outcome: R) => boolean,
): Promise<R> {
  const tried = new Set([rejected.fingerprint]);
  let last = rejected;
  let result = outcome;
  for (let retries = 0; retries < MAX_ROTATIONS_PER_CALL && isRejected(result); retries += 1) {
    const next = await manager.rotate(last);
    if (next === undefined || tried.has(next.fingerprint) || !manager.lease(next)) break;
    tried.add(next.fingerprint);
    last = next;
    result = await attempt(next);
  }
  return result;
}
