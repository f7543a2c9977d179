import { TokenSourceError } from '@tokenchain/core';

export type MomentoSdk = typeof import('@gomomento/sdk');

let loaded: MomentoSdk | undefined;
let preloading = false;

/**
 * The Momento SDK, loaded on first use: importing `@tokenchain/momento` costs nothing, and only building a client or a
 * credential provider pays the SDK's ~150 ms and ~30 MB. Loaded with a plain `require` of a literal name (the SDK is
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

/** True once the SDK is loaded (by {@link loadSdk}). */
export function isSdkLoaded(): boolean {
  return loaded !== undefined;
}

const REQUEST_START = 'http.client.request.start';

/**
 * Loads the SDK while the key is on its way, instead of after it arrived: the first call of a cold client starts the key
 * fetch, and loading the SDK blocks the process for ~150 ms, so it waits until the fetch's first HTTP request has been
 * handed to the operating system (Node's `http.client.request.start` diagnostics channel, then the request's `finish`) and
 * loads the SDK while the store answers. Without a request (a key from the environment or a file) it loads the SDK when
 * `fetch` settles, which is when the client needs it anyway. A failure to load is left to the build, which reports it.
 */
export function loadSdkWhileFetching(fetch: Promise<unknown>, source: string): void {
  if (loaded || preloading) return;
  preloading = true;
  // Loaded only here, where it is needed: a process that never builds a client never loads it.
  const channels = require('node:diagnostics_channel') as typeof import('node:diagnostics_channel');
  let done = false;
  const load = () => {
    if (done) return;
    done = true;
    preloading = false;
    channels.unsubscribe(REQUEST_START, onRequest);
    try {
      loadSdk(source);
    } catch {
      // The client's build calls loadSdk again and turns the failure into the call's error.
    }
  };
  const onRequest = (message: unknown) => {
    const request = (message as { request?: NodeJS.EventEmitter }).request;
    // Once the request is on the wire; the immediate lets the event loop flush what else is ready first.
    request?.once('finish', () => setImmediate(load));
  };
  channels.subscribe(REQUEST_START, onRequest);
  fetch.then(load, load);
}
