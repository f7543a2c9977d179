// The "Use it" code of docs/writing-a-source.md (both languages), compiled by CI. Nothing imports this module: it is
// type-checked, never run.
import { cached, chain } from '@tokenchain/core';
import { fromEnv } from '@tokenchain/env';
import { createCacheClient } from '@tokenchain/momento';
import { fromVault } from './writingASource.js';

declare const url: string;
declare const vaultToken: string;

const source = cached(chain(fromVault({ url, path: 'momento', vaultToken }), fromEnv()));
const client = createCacheClient({ source, defaultTtlSeconds: 600 });
await client.set('cache', 'code', '12345');
