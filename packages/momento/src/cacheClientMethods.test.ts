import { CacheClient } from '@gomomento/sdk';
import { expect } from 'chai';
import { CACHE_CLIENT_METHODS } from './cacheClientMethods.js';

describe('CACHE_CLIENT_METHODS', () => {
  it('names only methods of the installed SDK CacheClient', () => {
    const methods = new Set<string>();
    for (let proto = CacheClient.prototype; proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
      for (const name of Object.getOwnPropertyNames(proto)) {
        if (typeof Object.getOwnPropertyDescriptor(proto, name)?.value === 'function') methods.add(name);
      }
    }
    expect([...CACHE_CLIENT_METHODS].filter((name) => !methods.has(name))).to.deep.equal([]);
  });
});
