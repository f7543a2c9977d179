import { TokenSourceError } from '@tokenchain/core';

/**
 * Wraps an adapter's SDK import: `load` is the adapter's own `() => require('@aws-sdk/client-…')`, written literally in the
 * adapter's file so that bundlers see it and NODE_PATH (where Lambda's runtime keeps the SDK) is honoured. A missing SDK
 * becomes an `INVALID_CONFIGURATION` error naming the package to install beside the adapter. The SDK is loaded once and
 * kept; a load that failed is tried again on the next call.
 *
 * @example
 * ```ts
 * const loadSdk = sdkLoader('@aws-sdk/client-ssm', '@tokenchain/aws-ssm', () => require('@aws-sdk/client-ssm'));
 * const { GetParameterCommand } = loadSdk('ssm:/prod/momento');
 * ```
 */
export function sdkLoader<Sdk>(sdkPackage: string, adapterPackage: string, load: () => Sdk): (source: string) => Sdk {
  // Kept once loaded: `require` resolves the package's path again on every call, module cache or not, and a source calls this
  // on every fetch.
  let sdk: Sdk | undefined;
  return (source) => {
    if (sdk !== undefined) return sdk;
    try {
      sdk = load();
      return sdk;
    } catch (err) {
      throw new TokenSourceError(`cannot load ${sdkPackage}; install it next to ${adapterPackage}`, {
        source,
        code: 'INVALID_CONFIGURATION',
        cause: err,
      });
    }
  };
}
