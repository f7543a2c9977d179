import { EXIT_CODES } from './exitCodes.js';
import type { Redactor } from './redactor.js';

export interface GuardOptions {
  /**
   * What to print on stdout when the process crashes, given the redacted description of the crash, or `undefined` for
   * nothing: `doctor --json` prints its one JSON object there when the crash came before the report.
   */
  readonly crashOutput?: (description: string) => string | undefined;
}

/**
 * Makes the process unable to print a key the CLI has seen: everything written to stdout and stderr goes through the
 * redactor, and a crash (an uncaught exception or unhandled rejection, from tokenchain or from a source it ran) prints a
 * redacted one-line message instead of Node's default dump, which would include the error's message and `cause` chain.
 *
 * @example
 * ```ts
 * const redactor = createRedactor();
 * guardProcess(redactor);
 * ```
 */
export function guardProcess(redactor: Redactor, options: GuardOptions = {}): void {
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
    stream.write = ((chunk: unknown, ...rest: unknown[]) =>
      write(
        redactor.redact(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8')),
        ...rest,
      )) as typeof stream.write;
  }
  const crash = (err: unknown): void => {
    const kind = err instanceof Error ? err.name : typeof err;
    const message = err instanceof Error ? err.message : String(err);
    const description = `internal error (${kind}): ${redactor.redact(message).split('\n')[0]}`;
    const output = options.crashOutput?.(description);
    if (output !== undefined) process.stdout.write(output);
    process.stderr.write(
      `tokenchain: ${description}\n` +
        '  No key was printed. This is a bug in tokenchain or in a source it ran: please report it with the command you ran.\n',
    );
    process.exit(EXIT_CODES.internalError);
  };
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
}
