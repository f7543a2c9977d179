import type { ExitCode } from './exitCodes.js';
import type { KeyReport } from './inspectKey.js';
import type { PingReport } from './ping.js';

/** How a doctor run ended; each status has one exit code ({@link exitCodeOf}). */
export type DoctorStatus =
  | 'key-found'
  | 'no-key'
  | 'key-rejected'
  | 'ping-failed'
  | 'configuration-error'
  | 'internal-error';

/** One link of the chain as the doctor saw it. */
export interface LinkReport {
  readonly source: string;
  /** The configuration entry it was built from. */
  readonly entry: string;
  readonly outcome: 'resolved' | 'not-found' | 'failed' | 'skipped';
  /** `false` when asked only because of `all`, after the chain had its answer. */
  readonly usedByChain: boolean;
  readonly durationMs: number | null;
  readonly code: string | null;
  readonly reason: string | null;
  readonly fingerprint: string | null;
}

/** Everything `tokenchain doctor` found, as printed by `--json`. Holds fingerprints, never keys. */
export interface DoctorReport extends DoctorFindings {
  /** The exit code of {@link DoctorReport.status}: derived from it, never set beside it ({@link exitCodeOf}). */
  readonly exitCode: ExitCode;
}

/** What the doctor found, before the exit code that follows from its status is added. */
export interface DoctorFindings {
  readonly status: DoctorStatus;
  readonly sources: { readonly spec: string; readonly origin: string };
  readonly fallThrough: 'not-found' | 'any-error';
  readonly links: readonly LinkReport[];
  readonly key: KeyReport | null;
  readonly ping: PingReport | null;
  /** Why there is no usable key, or what is wrong with the configuration. */
  readonly error: { readonly code: string; readonly message: string } | null;
  /** What to do next, in one sentence. */
  readonly next: string | null;
}
