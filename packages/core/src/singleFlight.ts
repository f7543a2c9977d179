/**
 * Shares one run of `work` among everyone who asks: callers while it runs get the same promise, callers after it succeeded
 * get its result, and a failure is forgotten so the next caller starts a fresh run (a client whose SDK was not yet
 * installed, a key file not yet mounted, may succeed later). `work` throwing synchronously counts as a failure.
 *
 * @example
 * ```ts
 * const getClient = singleFlight(async () => new (await import('@aws-sdk/client-ssm')).SSMClient({}));
 * const [a, b] = await Promise.all([getClient(), getClient()]); // one client, built once
 * ```
 */
export function singleFlight<T>(work: () => Promise<T>): () => Promise<T> {
  let current: Promise<T> | undefined;
  return () => {
    if (current === undefined) {
      const attempt = (async () => work())();
      current = attempt;
      attempt.catch(() => {
        if (current === attempt) current = undefined;
      });
    }
    return current;
  };
}
