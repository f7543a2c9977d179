import { expect } from 'chai';
import { useProcessEnv } from './useProcessEnv.js';

const SET = 'TOKENCHAIN_USE_PROCESS_ENV_SET';
const REMOVED = 'TOKENCHAIN_USE_PROCESS_ENV_REMOVED';

describe(useProcessEnv.name, () => {
  before(() => {
    delete process.env[SET];
    process.env[REMOVED] = 'set before the suite';
  });
  after(() => {
    delete process.env[REMOVED];
  });

  describe('inside the suite that uses it', () => {
    let fromEarlierHook = '';
    before(() => {
      fromEarlierHook = 'made by an earlier before';
    });
    useProcessEnv(() => ({ [SET]: fromEarlierHook, [REMOVED]: undefined }));

    it('sets each variable, reading what an earlier before hook made, and removes those given as undefined', () => {
      expect(process.env[SET]).to.equal('made by an earlier before');
      expect(REMOVED in process.env).to.equal(false);
    });
  });

  describe('after that suite', () => {
    it('puts every variable back: unset stays unset, a removed one comes back', () => {
      expect(SET in process.env).to.equal(false);
      expect(process.env[REMOVED]).to.equal('set before the suite');
    });
  });
});
