/**
 * What `tokenchain` exits with, so scripts and CI can act on the outcome. Documented in docs/cli.md and `tokenchain --help`.
 */
export const EXIT_CODES = Object.freeze({
  /** A key was found (and, with `--ping`, Momento accepted it). */
  keyFound: 0,
  /** tokenchain itself failed: a bug. The message is redacted; please report it. */
  internalError: 1,
  /** A flag or the source configuration is wrong (a scheme that is not registered, an unknown option, a bad --import). */
  configurationError: 2,
  /** No usable key: no source had one, a source failed and stopped the chain, or the key is malformed or expired. */
  noKey: 3,
  /** `--ping`: Momento rejected the key (authentication or permission error). */
  keyRejected: 4,
  /** `--ping`: Momento could not be asked (unreachable, timed out, or another error). */
  pingFailed: 5,
});

export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];
