import { EXIT_CODES } from './exitCodes.js';
import type { Redactor } from './redactor.js';

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
export function guardProcess(redactor: Redactor): void {
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
    process.stderr.write(
      `tokenchain: internal error (${kind}): ${redactor.redact(message)}\n` +
        '  No key was printed. This is a bug in tokenchain or in a source it ran: please report it with the command you ran.\n',
    );
    process.exit(EXIT_CODES.internalError);
  };
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
}
