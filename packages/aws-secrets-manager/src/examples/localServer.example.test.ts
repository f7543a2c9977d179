import { expect } from 'chai';
import { localServerExample } from './localServer.example.js';

describe('docs/testing.md: testing against a local server', () => {
  it('reads the secret from the local server through the endpoint override', async () => {
    expect(await localServerExample()).to.equal('key-from-the-local-server');
  });
});
