import { expect } from 'chai';
import { keyFragmentIn } from './keyFragmentIn.js';

const KEY = 'abcdefghijklmnopqrstuvwxyz0123456789';

describe('keyFragmentIn', () => {
  it('finds twelve characters of the key in a field of an error deep down the cause chain', () => {
    const inner = Object.assign(new Error('nothing here'), { SecretString: `...${KEY.slice(10, 22)}...` });
    const outer = new Error('outer', { cause: new Error('middle', { cause: inner }) });
    expect(keyFragmentIn(outer, KEY)).to.equal(KEY.slice(10, 22));
  });

  it('finds a fragment behind a hidden field, and nothing in an error that holds none', () => {
    const hidden = new Error('x');
    Object.defineProperty(hidden, '$response', { value: { body: KEY.slice(0, 12) }, enumerable: false });
    expect(keyFragmentIn(hidden, KEY)).to.equal(KEY.slice(0, 12));
    expect(keyFragmentIn(new Error(KEY.slice(0, 11)), KEY)).to.equal(undefined);
  });
});
