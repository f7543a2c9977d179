import type { DoctorFindings } from './DoctorReport.js';
import type { PingReport } from './ping.js';

/**
 * The doctor's verdict on a ping: accepted is a working key; rejected or forbidden is a key Momento refuses; failed is a
 * ping that could not be made.
 *
 * @example
 * ```ts
 * pingVerdict(report, 'env:MOMENTO_API_KEY').status; // 'key-found' when report.outcome is 'accepted'
 * ```
 */
export function pingVerdict(report: PingReport, source: string): Pick<DoctorFindings, 'status' | 'error' | 'next'> {
  switch (report.outcome) {
    case 'accepted':
      return { status: 'key-found', error: null, next: null };
    case 'rejected':
      return {
        status: 'key-rejected',
        error: { code: report.answer, message: 'Momento rejected the key' },
        next: `the key in ${source} was revoked or belongs elsewhere: put a current key there (Momento console, API keys)`,
      };
    case 'forbidden':
      return {
        status: 'key-rejected',
        error: { code: report.answer, message: `the key may not read cache "${report.cache}"` },
        next: 'ping a cache the key may read with --cache NAME, or widen the key’s permissions',
      };
    case 'failed':
      return {
        status: 'ping-failed',
        error: { code: report.answer, message: report.message ?? 'Momento did not answer' },
        next: `check the network path to ${report.endpoint} (or pass --connect for a local server)`,
      };
  }
}
