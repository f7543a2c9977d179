import { expect } from 'chai';
import { clientMockExample } from './clientMock.example.js';

describe('docs/testing.md: testing with aws-sdk-client-mock', () => {
  it('reads the mocked secret, and falls back when the mock says it does not exist', async () => {
    expect(await clientMockExample()).to.deep.equal({
      key: 'key-from-the-mock',
      endpoint: 'cell-1.example.com',
      whenMissing: 'fallback-key',
    });
  });
});
