import { TokenSourceError } from '@tokenchain/core';
import { redactKeyShaped } from '@tokenchain/core/source-kit';
import type { DoctorReport } from './DoctorReport.js';
import { exitCodeOf } from './exitCodeOf.js';

/** What to do after an internal error, in the doctor's `next` field. */
const REPORT_IT =
  'this is a bug in tokenchain or in a source it ran: please report it with the command you ran (no key was printed)';

/**
 * The doctor's report for a run that ended before any link was asked: a usage mistake, a configuration error, or an internal
 * error (anything thrown, from tokenchain or from a source it ran; a string is taken as the description of a crash).
 * `--json` prints it, so a script always gets one object.
 * Foreign messages are kept to their first line, with key-shaped text removed; the CLI's redactor removes the keys it saw.
 *
 * @example
 * ```ts
 * context.out(`${JSON.stringify(failedReport(err, { spec, origin }), null, 2)}\n`);
 * ```
 */
export function failedReport(
  err: unknown,
  sources: DoctorReport['sources'],
  kind: 'usage' | 'internal' = 'internal',
): DoctorReport {
  const base = { sources, fallThrough: 'not-found' as const, links: [], key: null, ping: null };
  if (kind === 'usage' || (TokenSourceError.is(err) && err.code === 'INVALID_CONFIGURATION')) {
    return {
      status: 'configuration-error',
      exitCode: exitCodeOf('configuration-error'),
      error: {
        code: kind === 'usage' ? 'USAGE' : 'INVALID_CONFIGURATION',
        message: kind === 'usage' && err instanceof Error ? redactKeyShaped(err.message) : describe(err),
      },
      next: kind === 'usage' ? "see 'tokenchain doctor --help'" : 'fix the configuration named above',
      ...base,
    };
  }
  return {
    status: 'internal-error',
    exitCode: exitCodeOf('internal-error'),
    error: { code: 'INTERNAL_ERROR', message: describe(err) },
    next: REPORT_IT,
    ...base,
  };
}

function describe(err: unknown): string {
  if (TokenSourceError.is(err)) return err.message;
  if (typeof err === 'string') return redactKeyShaped(err);
  const text = err instanceof Error ? `${err.name}: ${err.message}` : `thrown ${typeof err}`;
  return redactKeyShaped(text.split('\n')[0] ?? text);
}
