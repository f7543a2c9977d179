/**
 * Cache hits that may share one clock reading within an event-loop turn. A turn made only of resolved awaits never ends
 * (no immediate runs), so the reading is also dropped after this many uses.
 */
const COARSE_CLOCK_MAX_USES = 1024;

// One reading for the whole process, not one per cache: reading the clock costs more than the rest of a cache hit
// together, a process may hold thousands of caches (a field each would be 24 bytes of every one), and a turn in which
// they are all hit schedules one immediate instead of one per cache.
let reading: number | undefined;
let uses = 0;

/**
 * `Date.now()`, read at most once per event-loop turn (and per {@link COARSE_CLOCK_MAX_USES} calls): what a cache hit
 * reads for a key with only soft deadlines (its TTL and its refresh-ahead point), where being late by one turn costs
 * nothing. A key with its own `expiresAt` must read the real clock: an expired key is never served.
 *
 * @example
 * ```ts
 * const at = token.expiresAt === undefined ? coarseNow() : Date.now();
 * ```
 */
export function coarseNow(): number {
  if (reading === undefined || ++uses > COARSE_CLOCK_MAX_USES) {
    reading = Date.now();
    uses = 0;
    setImmediate(forgetCoarseNow).unref();
  }
  return reading;
}

/** Drops the shared reading, so the next {@link coarseNow} reads the clock: called when a cache takes a new key. */
export function forgetCoarseNow(): void {
  reading = undefined;
}
