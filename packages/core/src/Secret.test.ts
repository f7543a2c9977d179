import { createHash } from 'node:crypto';
import { format, inspect } from 'node:util';
import { expect } from 'chai';
import { Secret } from './Secret.js';

const KEY = 'eyJhbGciOiJub25lIn0.c2VjcmV0LWtleS1mb3ItdGVzdHM.sig';

describe('Secret', () => {
  describe('having wrapped a key', () => {
    const secret = Secret.from(KEY);

    it('reveals the key itself', () => {
      expect(secret.reveal()).to.equal(KEY);
    });

    it('has a fingerprint made of the first 8 hex characters of its SHA-256', () => {
      const expected = createHash('sha256').update(KEY).digest('hex').slice(0, 8);
      expect(secret.fingerprint)
        .to.equal(expected)
        .and.to.match(/^[0-9a-f]{8}$/);
    });

    it('shows only the fingerprint through String(), templates, JSON, inspect and console formatting', () => {
      const shown = [
        String(secret),
        `${secret}`,
        `${[secret]}`,
        JSON.stringify({ secret }),
        JSON.stringify([secret]),
        inspect(secret),
        inspect({ nested: { secret } }, { depth: 10, showHidden: true }),
        format('%s %o %O %j', secret, secret, { secret }, { secret }),
        Object.keys(secret).join(','),
        JSON.stringify({ ...secret }),
      ];
      for (const text of shown) expect(text).not.to.include(KEY);
      expect(String(secret)).to.equal(`Secret(${secret.fingerprint})`);
      expect(inspect(secret)).to.equal(`Secret(${secret.fingerprint})`);
    });

    it('compares equal to a secret with the same key and unequal to another', () => {
      expect(secret.equals(Secret.from(KEY))).to.equal(true);
      expect(secret.equals(Secret.from(`${KEY}x`))).to.equal(false);
    });
  });

  describe('Secret.is', () => {
    it('recognises secrets and refuses look-alikes', () => {
      expect(Secret.is(Secret.from('k'))).to.equal(true);
      expect(Secret.is({ reveal: () => 'k', fingerprint: 'x' })).to.equal(false);
      expect(Secret.is('k')).to.equal(false);
    });
  });

  it('refuses a value that is not a string', () => {
    expect(() => Secret.from(42 as unknown as string)).to.throw(TypeError);
  });
});
