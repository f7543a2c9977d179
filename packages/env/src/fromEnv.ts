import { createToken, TokenNotFoundError, type TokenSource, TokenSourceError } from '@tokenchain/core';
import { hasKeyShaped, throwIfAborted } from '@tokenchain/core/source-kit';

/** The variable the Momento SDK's own examples read. */
export const DEFAULT_KEY_VARIABLE = 'MOMENTO_API_KEY';

/** A portable variable name (POSIX): what a shell, Docker and Kubernetes all accept. */
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export interface FromEnvOptions {
  /** The variable that holds the key. Default `MOMENTO_API_KEY`. */
  readonly variable?: string;
  /**
   * @deprecated Renamed `variable`: a source's `name` is its own name (`env:<variable>`), as in `chain`. Still read for one
   * release when `variable` is not given.
   */
  readonly name?: string;
  /** A variable whose value, when set, becomes the token's `attributes.endpoint` (e.g. `MOMENTO_ENDPOINT`). */
  readonly endpointVariable?: string;
  /** @deprecated Renamed `endpointVariable`. Still read for one release when `endpointVariable` is not given. */
  readonly endpointName?: string;
  /** Where to look instead of `process.env`: for tests, or a parsed `.env` file. Read on every call, like `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** @deprecated Renamed {@link FromEnvOptions} (factory arguments are `*Options`); this alias goes in the next minor. */
export type FromEnvInit = FromEnvOptions;

/**
 * A key from an environment variable, read on every call so that a variable set after start-up is seen.
 *
 * A variable that is unset, empty or only whitespace is "not there" (`TokenNotFoundError`), so a chain moves on to its next
 * source: a blank `MOMENTO_API_KEY=` line in a `.env` file should not stop the chain.
 *
 * @example
 * ```ts
 * const source = fromEnv({ variable: 'MOMENTO_API_KEY', endpointVariable: 'MOMENTO_ENDPOINT' });
 * const token = await source.getToken(); // token.source === 'env:MOMENTO_API_KEY'
 * ```
 */
export function fromEnv(init: FromEnvOptions = {}): TokenSource {
  const keyOption = init.variable === undefined && init.name !== undefined ? 'name' : 'variable';
  const variable = init.variable ?? init.name ?? DEFAULT_KEY_VARIABLE;
  // Checked before it becomes the source's name, which every error, event and log line repeats.
  checkVariableName(variable, keyOption);
  checkNotBoth(init.variable, init.name, 'variable', 'name');
  const sourceName = `env:${variable}`;
  const endpointOption =
    init.endpointVariable === undefined && init.endpointName !== undefined ? 'endpointName' : 'endpointVariable';
  const endpointVariable = init.endpointVariable ?? init.endpointName;
  if (endpointVariable !== undefined) checkVariableName(endpointVariable, endpointOption);
  checkNotBoth(init.endpointVariable, init.endpointName, 'endpointVariable', 'endpointName');

  return {
    name: sourceName,
    async getToken(options = {}) {
      throwIfAborted(options.signal, sourceName);
      // Looked up on each call rather than captured: tests and launchers replace or fill process.env after import.
      const env = init.env ?? process.env;
      const value = env[variable];
      if (value === undefined) throw new TokenNotFoundError(`${variable} is not set`, { source: sourceName });
      if (value.trim().length === 0) {
        const what = value.length === 0 ? 'empty' : 'only whitespace';
        throw new TokenNotFoundError(`${variable} is set but ${what}`, { source: sourceName });
      }
      const endpoint = endpointVariable === undefined ? undefined : env[endpointVariable]?.trim();
      return createToken({
        source: sourceName,
        value,
        attributes: endpoint ? { endpoint } : undefined,
      });
    },
  };
}

type VariableOption = 'variable' | 'name' | 'endpointVariable' | 'endpointName';

function invalid(message: string): TokenSourceError {
  return new TokenSourceError(message, { source: 'env', code: 'INVALID_CONFIGURATION' });
}

/** An option and its deprecated spelling naming two different variables: which one was meant is anyone's guess. */
function checkNotBoth(current: unknown, old: unknown, option: VariableOption, oldOption: VariableOption): void {
  if (current !== undefined && old !== undefined && current !== old) {
    throw invalid(`give ${option}, not both ${option} and its old name ${oldOption}`);
  }
}

/** Refuses what is not a variable name, quoting it only when it cannot be a key pasted in the wrong place. */
function checkVariableName(value: unknown, option: VariableOption): void {
  if (typeof value !== 'string' || value.trim().length === 0) throw invalid(`${option} is empty`);
  if (hasKeyShaped(value)) {
    throw invalid(
      `${option} is shaped like a Momento API key (not shown): give the name of the variable that holds the key, e.g. ${DEFAULT_KEY_VARIABLE}`,
    );
  }
  if (!VARIABLE_NAME.test(value)) {
    throw invalid(`${option} "${value}" is not a variable name (letters, digits and "_", not starting with a digit)`);
  }
}
