import { redactKeyShaped } from '@tokenchain/core/source-kit';
import type { DoctorReport } from './DoctorReport.js';
import { configurationOf } from './doctor.js';

/**
 * The `sources` of a doctor report written before the arguments could be parsed (a usage mistake, a crash): the `--sources`
 * value as typed, else what the environment configures. Key-shaped text is not repeated.
 *
 * @example
 * ```ts
 * sourcesOfArguments(['doctor', '--json', '--sources', 'env:X'], process.env); // { spec: 'env:X', origin: '--sources' }
 * ```
 */
export function sourcesOfArguments(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): DoctorReport['sources'] {
  const { text, origin } = configurationOf({ ...optionalSources(args), env });
  return { spec: redactKeyShaped(text), origin };
}

function optionalSources(args: readonly string[]): { sources?: string } {
  for (const [index, arg] of args.entries()) {
    const value = arg === '--sources' || arg === '-s' ? args[index + 1] : undefined;
    if (value !== undefined) return { sources: value };
    if (arg.startsWith('--sources=')) return { sources: arg.slice('--sources='.length) };
  }
  return {};
}
