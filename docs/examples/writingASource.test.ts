import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chain } from '@tokenchain/core';
import { describeTokenSourceContract, useProcessEnv } from '@tokenchain/core/testing';
import { fromEnv } from '@tokenchain/env';
import { fromVault } from './writingASource.js';

const KEY = 'vault-held-momento-key-42';

// A stand-in for Vault's KV v2 API on 127.0.0.1: `momento` holds a key, `denied` is forbidden, `hang` never answers.
let server: Server;
let url = '';
before(async () => {
  server = createServer((req, res) => {
    if (req.headers['x-vault-token'] !== 'root') return void res.writeHead(403).end();
    if (req.url === '/v1/secret/data/momento') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify({ data: { data: { apiKey: `${KEY}\n` } } }));
    }
    if (req.url === '/v1/secret/data/hang') return; // never answers
    if (req.url === '/v1/secret/data/denied') return void res.writeHead(403).end();
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => {
  server.closeAllConnections();
  server.close();
});

describeTokenSourceContract('fromVault (docs/writing-a-source.md)', () => ({
  present: () => fromVault({ url, path: 'momento', vaultToken: 'root' }),
  expectedKey: KEY,
  absent: () => fromVault({ url, path: 'nothing-here', vaultToken: 'root' }),
  slow: () => fromVault({ url, path: 'hang', vaultToken: 'root', timeoutMs: 60_000 }),
  broken: {
    'permission denied': () => fromVault({ url, path: 'denied', vaultToken: 'root' }),
    'wrong vault token': () => fromVault({ url, path: 'momento', vaultToken: 'nope' }),
  },
}));

describe('chain(fromVault(...), fromEnv()) on a laptop whose Vault holds no key', () => {
  useProcessEnv(() => ({ MOMENTO_API_KEY: 'laptop-momento-key' }));

  it('falls through to MOMENTO_API_KEY', async () => {
    const token = await chain(fromVault({ url, path: 'nothing-here', vaultToken: 'root' }), fromEnv()).getToken();
    assert.equal(token.secret.reveal(), 'laptop-momento-key');
    assert.equal(token.source, 'env:MOMENTO_API_KEY');
  });
});
