import { createRequire } from 'node:module';
import { TokenSourceError } from '@tokenchain/core';

export type MomentoSdk = typeof import('@gomomento/sdk');

let loaded: MomentoSdk | undefined;

/**
 * The Momento SDK, loaded on first use: importing `@tokenchain/momento` costs nothing, and only building a client or a
 * credential provider pays the SDK's ~170 ms and ~70 MB. Loaded with `require` (the SDK is CommonJS) so that the client
 * factories can stay synchronous; it is the same module instance an `import` of the SDK gets.
 */
export function loadSdk(source: string): MomentoSdk {
  if (loaded) return loaded;
  try {
    loaded = createRequire(import.meta.url)('@gomomento/sdk') as MomentoSdk;
  } catch (err) {
    throw new TokenSourceError('@gomomento/sdk could not be loaded: install it next to @tokenchain/momento', {
      source,
      code: 'INVALID_CONFIGURATION',
      cause: err,
    });
  }
  return loaded;
}
