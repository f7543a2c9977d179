import { defineScheme } from '@tokenchain/core/config';
import { DEFAULT_KEY_VARIABLE, fromEnv } from './fromEnv.js';

/**
 * The `env` scheme of tokenchain's configuration grammar: `env:MOMENTO_API_KEY?endpointVariable=MOMENTO_ENDPOINT`
 * is {@link fromEnv}, its options named as `fromEnv`'s. `env:` alone reads `MOMENTO_API_KEY`. Pass it in `schemes` wherever a configuration may name it; the
 * default of `defaultTokenSource` does.
 *
 * @example
 * ```ts
 * const source = fromConfig('env:MY_MOMENTO_KEY?endpointVariable=MY_MOMENTO_ENDPOINT', { schemes: [envScheme] });
 * ```
 */
export const envScheme = defineScheme({
  scheme: 'env',
  kind: 'source',
  summary: 'a key from an environment variable',
  target: { description: `the variable that holds the key (default ${DEFAULT_KEY_VARIABLE})`, required: false },
  options: {
    endpointVariable: {
      type: 'string',
      description: "a variable whose value becomes the token's endpoint, e.g. MOMENTO_ENDPOINT",
    },
    // Still read for configurations written before the rename; fromEnv refuses both spellings with different values.
    endpointName: { type: 'string', description: 'deprecated: the old name of endpointVariable' },
  },
  create(context) {
    const endpointVariable = context.string('endpointVariable');
    const endpointName = context.string('endpointName');
    return fromEnv({
      variable: context.target === '' ? DEFAULT_KEY_VARIABLE : context.target,
      ...(endpointVariable !== undefined && { endpointVariable }),
      ...(endpointName !== undefined && { endpointName }),
      ...(context.env !== undefined && { env: context.env }),
    });
  },
});
