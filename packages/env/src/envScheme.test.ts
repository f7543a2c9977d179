import { fromConfig, loadSources } from '@tokenchain/core/config';
import { expect } from 'chai';
import { envScheme } from './index.js';

const KEY = 'eyJhcGlfa2V5IjoidGVzdC1rZXktZm9yLWVudlNjaGVtZSJ9.c2lnbmF0dXJl';
// The scheme as the package exports it: an application passes the same value in options.schemes.
const schemes = [envScheme];

describe('envScheme', () => {
  const env = { MY_KEY: KEY, MY_ENDPOINT: 'cell-1.prod.a.momentohq.com', OTHER_ENDPOINT: 'cell-2.example.com' };

  describe('having env:VARIABLE?endpointVariable=OTHER', () => {
    it('returns the key of that variable with the endpoint of the other', async () => {
      const source = fromConfig('env:MY_KEY?endpointVariable=MY_ENDPOINT', { schemes, env });
      const token = await source.getToken();
      expect(token.secret.reveal()).to.equal(KEY);
      expect(token.source).to.equal('env:MY_KEY');
      expect(token.attributes).to.deep.equal({ endpoint: 'cell-1.prod.a.momentohq.com' });
    });
  });

  describe('having the option by its old name, endpointName', () => {
    it('still reads the endpoint from it (deprecated)', async () => {
      const token = await fromConfig('env:MY_KEY?endpointName=MY_ENDPOINT', { schemes, env }).getToken();
      expect(token.attributes).to.deep.equal({ endpoint: 'cell-1.prod.a.momentohq.com' });
    });

    it('refuses both spellings naming different variables', async () => {
      await expect(
        loadSources('env:MY_KEY?endpointVariable=MY_ENDPOINT&endpointName=OTHER_ENDPOINT', { schemes, env }),
      ).to.be.rejectedWith(/not both/);
    });
  });

  describe('having env: without a variable', () => {
    it('reads MOMENTO_API_KEY', async () => {
      const { sources } = await loadSources('env:', { schemes, env: { MOMENTO_API_KEY: KEY } });
      expect(sources[0]?.name).to.equal('env:MOMENTO_API_KEY');
      expect((await sources[0]?.getToken())?.secret.reveal()).to.equal(KEY);
    });
  });

  describe('having an unset variable first', () => {
    it('falls through to the next entry', async () => {
      const source = fromConfig('env:UNSET, env:MY_KEY', { schemes, env: { MY_KEY: KEY } });
      expect((await source.getToken()).source).to.equal('env:MY_KEY');
    });
  });

  describe('having an option it does not know', () => {
    it('rejects with INVALID_CONFIGURATION listing the options it knows', async () => {
      await expect(loadSources('env:A?endpoint=x', { schemes })).to.be.rejectedWith(
        /entry 1 "env:A\?endpoint=x": unknown option "endpoint" \(env accepts endpointVariable, endpointName\)/,
      );
    });
  });
});
