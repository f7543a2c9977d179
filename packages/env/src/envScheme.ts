import { defineScheme } from '@tokenchain/core/config';
import { DEFAULT_KEY_VARIABLE, fromEnv } from './fromEnv.js';

/**
 * The `env` scheme of tokenchain's configuration grammar: `env:MOMENTO_API_KEY?endpointName=MOMENTO_ENDPOINT` is
 * {@link fromEnv}. `env:` alone reads `MOMENTO_API_KEY`. Pass it in `schemes` wherever a configuration may name it; the
 * default of `defaultTokenSource` does.
 *
 * @example
 * ```ts
 * const source = fromConfig('env:MY_MOMENTO_KEY?endpointName=MY_MOMENTO_ENDPOINT', { schemes: [envScheme] });
 * ```
 */
export const envScheme = defineScheme({
  scheme: 'env',
  kind: 'source',
  summary: 'a key from an environment variable',
  target: { description: `the variable that holds the key (default ${DEFAULT_KEY_VARIABLE})`, required: false },
  options: {
    endpointName: {
      type: 'string',
      description: "a variable whose value becomes the token's endpoint, e.g. MOMENTO_ENDPOINT",
    },
  },
  create(context) {
    const endpointName = context.string('endpointName');
    return fromEnv({
      variable: context.target === '' ? DEFAULT_KEY_VARIABLE : context.target,
      ...(endpointName !== undefined && { endpointName }),
      ...(context.env !== undefined && { env: context.env }),
    });
  },
});
