import { spawn } from 'node:child_process';

export interface RunOptions {
  readonly cwd: string;
  /** The child's whole environment (nothing is inherited unless passed). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The child (and everything it started) is killed after this long. */
  readonly timeoutMs: number;
}

export interface RunResult {
  readonly command: string;
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
  readonly ms: number;
}

const MAX_OUTPUT = 4 * 1024 * 1024;
const SHOWN_LINES = 40;

/**
 * Runs a command to its end or to its deadline, whichever comes first, and never throws for how the command ended: the
 * caller decides what a failure means. The child gets its own process group so that a deadline kills npm's children too.
 */
export function run(file: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  const command = [file, ...args].join(' ');
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      cwd: options.cwd,
      env: withoutUndefined(options.env),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      if (stdout.length < MAX_OUTPUT) stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      if (stderr.length < MAX_OUTPUT) stderr += chunk;
    });
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid);
    }, options.timeoutMs);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`could not start ${command}: ${err.message}`, { cause: err }));
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ command, code, signal, stdout, stderr, timedOut, ms: Date.now() - started });
    });
  });
}

/** Like {@link run}, but a command that does not exit 0 in time throws an error that shows how it ended. */
export async function runOk(file: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  const result = await run(file, args, options);
  if (result.code !== 0 || result.timedOut) throw new Error(describeRun(result));
  return result;
}

/** How a command ended and the last lines of its output, for an assertion message. */
export function describeRun(result: RunResult, hint?: string): string {
  const ending = result.timedOut
    ? `did not finish within its deadline (killed after ${result.ms} ms)`
    : result.signal
      ? `was killed by ${result.signal}`
      : `exited with code ${result.code}`;
  return [
    `${result.command} ${ending}`,
    ...(hint ? [`likely cause: ${hint}`] : []),
    section('stderr', result.stderr),
    section('stdout', result.stdout),
  ]
    .filter((part) => part.length > 0)
    .join('\n');
}

function section(name: string, text: string): string {
  const lines = text.trimEnd().split('\n');
  if (lines.length === 1 && lines[0] === '') return '';
  const shown = lines.slice(-SHOWN_LINES);
  const skipped = lines.length - shown.length;
  return `--- ${name}${skipped > 0 ? ` (last ${SHOWN_LINES} of ${lines.length} lines)` : ''}\n${shown.join('\n')}`;
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

function withoutUndefined(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) if (value !== undefined) out[name] = value;
  return out;
}
