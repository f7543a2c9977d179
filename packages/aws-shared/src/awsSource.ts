import type { Token, TokenSource } from '@tokenchain/core';
import { throwIfAborted } from '@tokenchain/core/source-kit';
import { type AwsCallOptions, awsCall } from './awsCall.js';

/** An AWS adapter as its service call and its error table: {@link awsCall}'s options, with `toToken` for `toResult`. */
export interface AwsSourceOptions<Output> extends Omit<AwsCallOptions<Output, Token>, 'source' | 'toResult'> {
  /** The source's name (`TokenSource.name`), also the `source` of its errors and events. */
  readonly name: string;
  /** The answer as a token. */
  readonly toToken: (output: Output) => Token;
}

/**
 * A token source making one AWS call per `getToken` ({@link awsCall}: deadline, caller's signal, attempts warning, error
 * mapping). The adapter says only what to send, which errors mean what, and how the answer becomes a token.
 *
 * @example
 * ```ts
 * return awsSource({
 *   name, service: 'SSM Parameter Store', what, timeoutMs, report,
 *   call: (signal) => send(new GetParameterCommand({ Name }), signal),
 *   errorTable: { notFound: ['ParameterNotFound'] },
 *   toToken: (output) => secretValueToToken({ source: name, what, value: output.Parameter?.Value ?? '' }),
 * });
 * ```
 */
export function awsSource<
  Output extends { readonly $metadata?: { readonly attempts?: number | undefined } | undefined },
>(options: AwsSourceOptions<Output>): TokenSource {
  const { name } = options;
  const call = { ...options, source: name, toResult: options.toToken };
  return {
    name,
    getToken(getOptions = {}) {
      try {
        throwIfAborted(getOptions.signal, name);
      } catch (err) {
        return Promise.reject(err);
      }
      return awsCall(call, getOptions.signal);
    },
  };
}
