import type { TokenEvent } from '@tokenchain/core';
import { deadlineSignal, raceAbort } from '@tokenchain/core/source-kit';
import type { AwsErrorTable } from './AwsErrorTable.js';
import { awsErrorToTokenError } from './awsErrorToTokenError.js';

/** Every AWS adapter's call ends after this long unless its `timeoutMs` says otherwise. */
export const DEFAULT_AWS_TIMEOUT_MS = 5000;

/** One AWS call of an adapter: the service call, its error table, and what its answer becomes. */
export interface AwsCallOptions<Output, Result> {
  /** The source's name (`TokenSource.name`). */
  readonly source: string;
  /** The service as people call it: `Secrets Manager`. */
  readonly service: string;
  /** What is being read, for messages: `secret momento`. */
  readonly what: string;
  /** Deadline of the call, SDK retries included; `Infinity` for none. */
  readonly timeoutMs: number;
  readonly report: (event: TokenEvent) => void;
  /** Sends the command with `abortSignal` set to the signal given (the caller's, bounded by the deadline). */
  readonly call: (signal: AbortSignal | undefined) => Promise<Output>;
  readonly errorTable: AwsErrorTable;
  /** The answer as a result; a `TokenSourceError` it throws passes through unchanged. */
  readonly toResult: (output: Output) => Result;
}

type WithMetadata = { readonly $metadata?: { readonly attempts?: number | undefined } | undefined };

/**
 * Runs one AWS call the way every AWS adapter does: under a deadline joined to the caller's signal (so a hung request ends
 * even when the SDK ignores the signal), with a warning when the SDK needed more than one attempt, and with whatever went
 * wrong turned into a `TokenSourceError` by {@link awsErrorToTokenError} and the adapter's error table.
 *
 * @example
 * ```ts
 * const output = await awsCall({ source, service: 'KMS', what, timeoutMs, report, call, errorTable, toResult: (o) => o }, signal);
 * ```
 */
export async function awsCall<Output extends WithMetadata, Result>(
  options: AwsCallOptions<Output, Result>,
  signal: AbortSignal | undefined,
): Promise<Result> {
  const { source, what } = options;
  const deadline = deadlineSignal(signal, options.timeoutMs);
  try {
    const output = await raceAbort(options.call(deadline.signal), deadline.signal, source);
    // A client mocked with aws-sdk-client-mock answers only the modelled fields: no $metadata.
    const attempts = output.$metadata?.attempts ?? 1;
    if (attempts > 1) {
      options.report({ type: 'warning', source, time: Date.now(), message: `read ${what} after ${attempts} attempts` });
    }
    return options.toResult(output);
  } catch (err) {
    throw awsErrorToTokenError(err, {
      source,
      service: options.service,
      what,
      signal: deadline.signal,
      ...options.errorTable,
    });
  } finally {
    deadline.dispose();
  }
}
