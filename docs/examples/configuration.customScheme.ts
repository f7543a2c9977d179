// docs/configuration.md quotes this file: a scheme for your own source, registered the way the adapters register theirs.
import { createSchemeRegistry, defineScheme, fromConfig } from '@tokenchain/core/config';
import { envScheme } from '@tokenchain/env';
import { fromVault } from './writingASource.js';

/** `vault:<path>?url=https://vault.internal:8200` reads the key from Vault, with the Vault token from VAULT_TOKEN. */
export const vaultScheme = defineScheme({
  scheme: 'vault',
  kind: 'source',
  summary: 'a key from a Vault KV v2 secret',
  target: { description: 'the path of the secret', required: true },
  options: {
    url: { type: 'string', required: true, description: 'the Vault address, e.g. https://vault.internal:8200' },
    timeoutMs: { type: 'number', description: 'bound on one request (default 2000)' },
  },
  create(context) {
    const timeoutMs = context.number('timeoutMs');
    return fromVault({
      url: context.string('url') ?? '',
      path: context.target,
      vaultToken: (context.env ?? process.env).VAULT_TOKEN ?? '',
      ...(timeoutMs !== undefined && { timeoutMs }),
    });
  },
});

/** Your scheme and tokenchain's, side by side in one configuration. */
export function chainWithYourScheme() {
  return fromConfig('vault:momento?url=https://vault.internal:8200, env:MOMENTO_API_KEY', {
    schemes: [vaultScheme, envScheme],
  });
}

/** One registry shared by several configurations. */
export function sharedRegistry() {
  const registry = createSchemeRegistry({ schemes: [vaultScheme, envScheme] });
  return [
    fromConfig('vault:momento/orders?url=https://vault.internal:8200', { registry }),
    fromConfig('env:', { registry }),
  ];
}
