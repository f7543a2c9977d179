// The README's example, compiled so that it cannot drift from the code. Nothing imports this module: it is type-checked, never run.
import type { Token, TokenLogger } from '@tokenchain/core';

declare const logger: TokenLogger;
declare function useKey(token: Token): void;

import { fromFile } from '@tokenchain/file';

const source = fromFile({
  path: '/var/run/secrets/momento/api-key', // a Kubernetes secret volume, or '~/.momento/api-key'
  watch: true,
  refuseInsecurePermissions: true, // mount the volume with defaultMode: 0400
  observer: { logger },
});

useKey(await source.getToken());
const unsubscribe = source.subscribe((next) => useKey(next)); // each time the secret is updated

// the last unsubscribe (or source.close()) closes the watcher

export { unsubscribe };
