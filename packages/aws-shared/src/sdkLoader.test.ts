import { TokenSourceError } from '@tokenchain/core';
import { expect } from 'chai';
import { sdkLoader } from './sdkLoader.js';

describe('sdkLoader', () => {
  it('hands back what the adapter loader returns', () => {
    const sdk = { Client: class {} };
    expect(sdkLoader('@aws-sdk/client-x', '@tokenchain/aws-x', () => sdk)('x:id')).to.equal(sdk);
  });

  it('loads the SDK once, then hands back the same module', () => {
    let loads = 0;
    const load = sdkLoader('@aws-sdk/client-x', '@tokenchain/aws-x', () => {
      loads += 1;
      return { Client: class {} };
    });
    expect(load('x:id')).to.equal(load('x:id'));
    expect(loads).to.equal(1);
  });

  it('tries again after a failed load', () => {
    let loads = 0;
    const sdk = { Client: class {} };
    const load = sdkLoader('@aws-sdk/client-x', '@tokenchain/aws-x', () => {
      loads += 1;
      if (loads === 1)
        throw Object.assign(new Error("Cannot find module '@aws-sdk/client-x'"), { code: 'MODULE_NOT_FOUND' });
      return sdk;
    });
    expect(() => load('x:id')).to.throw(TokenSourceError);
    expect(load('x:id')).to.equal(sdk);
    expect(loads).to.equal(2);
  });

  describe('when the SDK is not installed', () => {
    it('throws INVALID_CONFIGURATION naming the package to install beside the adapter, with the cause', () => {
      const missing = Object.assign(new Error("Cannot find module '@aws-sdk/client-x'"), { code: 'MODULE_NOT_FOUND' });
      const load = sdkLoader('@aws-sdk/client-x', '@tokenchain/aws-x', () => {
        throw missing;
      });
      expect(() => load('x:id'))
        .to.throw(TokenSourceError, 'cannot load @aws-sdk/client-x; install it next to @tokenchain/aws-x')
        .that.includes({ source: 'x:id', code: 'INVALID_CONFIGURATION', cause: missing });
    });
  });
});
