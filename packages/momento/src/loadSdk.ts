import { TokenSourceError } from '@tokenchain/core';

export type MomentoSdk = typeof import('@gomomento/sdk');

let loaded: MomentoSdk | undefined;

/**
 * The Momento SDK, loaded on first use: importing `@tokenchain/momento` costs nothing, and only building a client or a
 * credential provider pays the SDK's ~170 ms and ~70 MB. Loaded with a plain `require` of a literal name (the SDK is
 * CommonJS), so that the client factories stay synchronous, a bundler (esbuild, CDK, SAM) sees and bundles it, and it is the
 * same module instance an application's own `import` or `require` of the SDK gets, so `instanceof` holds.
 */
export function loadSdk(source: string): MomentoSdk {
  if (loaded) return loaded;
  try {
    loaded = require('@gomomento/sdk') as MomentoSdk;
  } catch (err) {
    throw new TokenSourceError('@gomomento/sdk could not be loaded: install it next to @tokenchain/momento', {
      source,
      code: 'INVALID_CONFIGURATION',
      cause: err,
    });
  }
  return loaded;
}
