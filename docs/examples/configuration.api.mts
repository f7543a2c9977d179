// A code block of docs/configuration.md (and of its Japanese page), compiled by CI; docsSync.test.ts checks the pages quote it
// verbatim. Nothing imports this module: it is type-checked, never run.
// biome-ignore-all assist/source/organizeImports: the page quotes the imports below the first group as one block
import { createCacheClient } from '@tokenchain/momento';

declare const text: string;
import { secretsManagerScheme } from '@tokenchain/aws-secrets-manager';
import { defaultTokenSource, fromConfig, loadSources } from '@tokenchain/core/config';
import { envScheme } from '@tokenchain/env';

const schemes = [secretsManagerScheme, envScheme];

// A chain from a string. Grammar, scheme and option mistakes throw here; the sources are built on the first getToken.
const source = fromConfig(process.env.MOMENTO_TOKEN_SOURCES ?? 'env:MOMENTO_API_KEY', { schemes });

// Or build every source at start-up, without fetching a key:
const { sources } = await loadSources(text, { origin: 'MOMENTO_TOKEN_SOURCES', schemes });

// What most applications want: MOMENTO_TOKEN_SOURCES if the operator set it, otherwise what the Momento SDK reads.
const client = createCacheClient({ source: defaultTokenSource({ schemes }), defaultTtlSeconds: 600 });
export { client, source, sources };
