// The README's example, compiled so that it cannot drift from the code. Not exported.
import type { Token, TokenLogger } from '@tokenchain/core';
import { fromFile } from '../index.js';

export async function readmeExample(logger: TokenLogger, useKey: (token: Token) => void): Promise<() => void> {
  const source = fromFile({
    path: '/var/run/secrets/momento/api-key', // a Kubernetes secret volume, or '~/.momento/api-key'
    watch: true,
    refuseInsecurePermissions: true, // mount the volume with defaultMode: 0400
    observer: { logger },
  });

  useKey(await source.getToken());
  const unsubscribe = source.subscribe((next) => useKey(next)); // each time the secret is updated
  return unsubscribe; // the last unsubscribe (or source.close()) closes the watcher
}
