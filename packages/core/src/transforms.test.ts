import { expect } from 'chai';
import sinon from 'sinon';
import { base64Decoded } from './base64Decoded.js';
import { createToken } from './createToken.js';
import { fromValue } from './fromValue.js';
import { jsonField } from './jsonField.js';
import { Secret } from './Secret.js';
import type { TokenSource } from './TokenSource.js';
import { TokenSourceError } from './TokenSourceError.js';
import { trimmed } from './trimmed.js';
import { validate } from './validate.js';

const KEY = 'momento-key-abc123';
const raw = (value: string, name = 'raw'): TokenSource => ({
  name,
  getToken: async () => ({ secret: Secret.from(value), source: name }),
});

describe('transforms', () => {
  describe('createToken', () => {
    it('trims the value and refuses an empty or whitespace-only one, naming the source', () => {
      expect(createToken({ source: 's', value: `  ${KEY}\n` }).secret.reveal()).to.equal(KEY);
      expect(() => createToken({ source: 'file:/k', value: '' })).to.throw(
        TokenSourceError,
        /^file:\/k: the value is empty/,
      );
      expect(() => createToken({ source: 'file:/k', value: ' \n\t' })).to.throw(TokenSourceError, /only whitespace/);
    });
  });

  describe('fromValue', () => {
    it('returns the given key under the given name', async () => {
      const token = await fromValue(KEY, 'config:momento').getToken();
      expect(token.secret.reveal()).to.equal(KEY);
      expect(token.source).to.equal('config:momento');
    });

    it('refuses a blank key when built rather than on first use', () => {
      expect(() => fromValue('   ')).to.throw(TokenSourceError);
    });
  });

  describe('trimmed', () => {
    it('removes the trailing newline a hand-written source left in', async () => {
      expect((await trimmed(raw(`${KEY}\n`)).getToken()).secret.reveal()).to.equal(KEY);
    });

    it('refuses a whitespace-only key with MALFORMED', async () => {
      const err = await expect(trimmed(raw('\n')).getToken()).to.be.rejectedWith(TokenSourceError);
      expect(err.code).to.equal('MALFORMED');
    });
  });

  describe('jsonField', () => {
    it('picks the key and puts the endpoint into attributes', async () => {
      const token = await jsonField(
        fromValue(JSON.stringify({ apiKey: KEY, endpoint: 'cell-1.example.com', owner: 'team-a' })),
        'apiKey',
      ).getToken();
      expect(token.secret.reveal()).to.equal(KEY);
      expect(token.attributes).to.deep.equal({ endpoint: 'cell-1.example.com' });
    });

    it('copies the companion fields it is told to', async () => {
      const token = await jsonField(fromValue(JSON.stringify({ k: KEY, region: 'us-west-2' })), 'k', {
        attributes: ['region'],
      }).getToken();
      expect(token.attributes).to.deep.equal({ region: 'us-west-2' });
    });

    it('names the missing field, but neither the fields present nor any value', async () => {
      const err = await expect(
        jsonField(fromValue(JSON.stringify({ api_key: KEY }), 'secretsmanager:x'), 'apiKey').getToken(),
      ).to.be.rejectedWith(TokenSourceError);
      expect(err.message).to.include('secretsmanager:x').and.to.include('"apiKey"');
      expect(err.message).not.to.include('api_key');
      expect(err.message).not.to.include(KEY);
    });

    it('says the value is not JSON without quoting it', async () => {
      const err = await expect(jsonField(fromValue(KEY, 'env:K'), 'apiKey').getToken()).to.be.rejectedWith(
        TokenSourceError,
      );
      expect(err).to.include({ code: 'MALFORMED', source: 'env:K' });
      expect(err.message).to.include('not valid JSON').and.not.to.include(KEY);
      expect(String(err.cause ?? '')).not.to.include(KEY);
    });

    it('refuses JSON that is not an object', async () => {
      await expect(jsonField(fromValue('[1,2]'), 'apiKey').getToken()).to.be.rejectedWith(/not an object \(array\)/);
    });
  });

  describe('base64Decoded', () => {
    it('decodes base64 and base64url', async () => {
      const encoded = Buffer.from(KEY).toString('base64');
      expect((await base64Decoded(fromValue(encoded)).getToken()).secret.reveal()).to.equal(KEY);
      const url = Buffer.from(`${KEY}??>`).toString('base64url');
      expect((await base64Decoded(fromValue(url)).getToken()).secret.reveal()).to.equal(`${KEY}??>`);
    });

    it('refuses a value that is not base64, or not UTF-8 once decoded', async () => {
      await expect(base64Decoded(fromValue('not base64!')).getToken()).to.be.rejectedWith(/not valid base64/);
      const binary = Buffer.from([0xff, 0xfe, 0xfd]).toString('base64');
      await expect(base64Decoded(fromValue(binary)).getToken()).to.be.rejectedWith(/UTF-8/);
    });
  });

  describe('validate', () => {
    it('passes a token the check accepts', async () => {
      const token = await validate(fromValue(KEY), (t) => t.secret.reveal().startsWith('momento')).getToken();
      expect(token.secret.reveal()).to.equal(KEY);
    });

    it('refuses with the check’s reason, naming the source', async () => {
      const err = await expect(validate(fromValue(KEY, 'env:K'), () => 'not a JWT').getToken()).to.be.rejectedWith(
        TokenSourceError,
      );
      expect(err.message).to.equal('env:K: the key failed validation: not a JWT');
      expect(err.code).to.equal('MALFORMED');
    });

    it('redacts the key if a throwing check quotes it', async () => {
      const err = await expect(
        validate(fromValue(KEY, 'env:K'), (t) => {
          throw new Error(`bad key ${t.secret.reveal()}`);
        }).getToken(),
      ).to.be.rejectedWith(TokenSourceError);
      expect(err.message).not.to.include(KEY);
      expect(err.message).to.match(/bad key Secret\([0-9a-f]{8}\)/);
    });

    it('says a throwing check’s TokenSourceError once, without its source in front again', async () => {
      const err = await expect(
        validate(fromValue(KEY, 'env:K'), () => {
          throw new TokenSourceError('too short', { source: 'env:K' });
        }).getToken(),
      ).to.be.rejectedWith(TokenSourceError);
      expect(err.message).to.equal('env:K: the key failed validation: too short');
    });

    it('refuses a token whose expiresAt is an Invalid Date before the check sees it', async () => {
      const check = sinon.spy(() => true);
      const broken: TokenSource = {
        name: 'broken',
        getToken: async () => ({ secret: Secret.from(KEY), source: 'broken', expiresAt: new Date(Number.NaN) }),
      };
      const err = await expect(validate(broken, check).getToken()).to.be.rejectedWith(TokenSourceError);
      expect(err).to.include({ code: 'MALFORMED', source: 'broken' });
      expect(check.called).to.equal(false);
    });
  });

  describe('createToken having an expiresAt that is an Invalid Date', () => {
    it('refuses it as MALFORMED, naming the source', () => {
      expect(() => createToken({ source: 'custom', value: KEY, expiresAt: new Date('not a date') }))
        .to.throw(TokenSourceError, /^custom: the key’s expiresAt is not a valid date$/)
        .with.property('code', 'MALFORMED');
    });
  });
});
