import type { DoctorStatus } from './DoctorReport.js';
import { EXIT_CODES, type ExitCode } from './exitCodes.js';

const BY_STATUS: Readonly<Record<DoctorStatus, ExitCode>> = Object.freeze({
  'key-found': EXIT_CODES.keyFound,
  'internal-error': EXIT_CODES.internalError,
  'configuration-error': EXIT_CODES.configurationError,
  'no-key': EXIT_CODES.noKey,
  'key-rejected': EXIT_CODES.keyRejected,
  'ping-failed': EXIT_CODES.pingFailed,
});

/**
 * The exit code of a doctor status: one status, one code, so a report can never say one thing and exit with another.
 *
 * @example
 * ```ts
 * process.exitCode = exitCodeOf('no-key'); // 3
 * ```
 */
export function exitCodeOf(status: DoctorStatus): ExitCode {
  return BY_STATUS[status];
}
