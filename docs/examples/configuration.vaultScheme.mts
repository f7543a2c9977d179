// A code block of docs/configuration.md (and of its Japanese page), compiled by CI; docsSync.test.ts checks the pages quote it
// verbatim. Nothing imports this module: it is type-checked, never run.
// biome-ignore-all assist/source/organizeImports: the page quotes the imports below the first group as one block
import { fromVault } from './writingASource.js';
import { createSchemeRegistry, defineScheme, fromConfig } from '@tokenchain/core/config';
import { envScheme } from '@tokenchain/env';

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

const source = fromConfig('vault:momento?url=https://vault.internal:8200, env:MOMENTO_API_KEY', {
  schemes: [vaultScheme, envScheme],
});
export { createSchemeRegistry, source };
