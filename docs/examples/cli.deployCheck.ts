// docs/cli.md: a deployment step that refuses to go on without a key Momento accepts. Nothing runs on import.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

/** The part of `tokenchain doctor --json` this check reads (docs/cli.md lists every field). */
interface DoctorJson {
  readonly status: 'key-found' | 'no-key' | 'key-rejected' | 'ping-failed' | 'configuration-error';
  readonly exitCode: number;
  readonly next: string | null;
  readonly key: { readonly source: string; readonly fingerprint: string; readonly expiresAt: string | null } | null;
}

/** Runs the doctor with a ping and returns the key's fingerprint and source, or throws with the doctor's advice. */
export async function checkMomentoKey(sources: string): Promise<{ source: string; fingerprint: string }> {
  const run = promisify(execFile);
  // The doctor exits non-zero for every problem; its JSON report is on stdout either way.
  const stdout = await run('tokenchain', ['doctor', '--ping', '--json', '--sources', sources]).then(
    (result) => result.stdout,
    (err: { stdout?: string }) => err.stdout ?? '',
  );
  const report = JSON.parse(stdout) as DoctorJson;
  if (report.status !== 'key-found' || report.key === null) {
    throw new Error(`no usable Momento key (${report.status}, exit ${report.exitCode}): ${report.next ?? ''}`);
  }
  return { source: report.key.source, fingerprint: report.key.fingerprint };
}
