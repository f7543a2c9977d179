import { inspect } from 'node:util';
import { expect } from 'chai';
import { createToken } from './createToken.js';
import { DEFAULT_ATTRIBUTE_FIELDS, readJsonField } from './readJsonField.js';
import { TokenSourceError } from './TokenSourceError.js';

const KEY = `eyJ${'c'.repeat(40)}.current`;
const PREVIOUS = `eyJ${'p'.repeat(40)}.previous`;
const read = (fields: Record<string, unknown>, attributeFields?: readonly string[]) =>
  readJsonField({ source: 'vault:momento', text: JSON.stringify(fields), field: 'apiKey', attributeFields });

describe('readJsonField', () => {
  describe('having a secret with the key and companions', () => {
    it('returns the key and copies only endpoint by default', () => {
      const found = read({ apiKey: KEY, endpoint: ' cell-1.example.com ', cacheName: 'sessions', owner: 'team-a' });
      expect(found.value).to.equal(KEY);
      expect(found.attributes).to.deep.equal({ endpoint: 'cell-1.example.com' });
      expect(DEFAULT_ATTRIBUTE_FIELDS).to.deep.equal(['endpoint']);
    });

    it('copies the companions the user names instead, and none for []', () => {
      expect(read({ apiKey: KEY, endpoint: 'e', cacheName: 'sessions' }, ['cacheName']).attributes).to.deep.equal({
        cacheName: 'sessions',
      });
      expect(read({ apiKey: KEY, endpoint: 'e' }, []).attributes).to.deep.equal({});
    });
  });

  describe('having a second key beside the first, as during a rotation', () => {
    const rotating = { apiKey: KEY, previous: PREVIOUS, old: PREVIOUS, jwt: PREVIOUS, value: PREVIOUS, endpoint: 'e' };

    it('never copies it by default, so it is not in inspect or JSON output of the token', () => {
      const { value, attributes } = read(rotating);
      const token = createToken({ source: 'vault:momento', value, attributes });
      expect(inspect(token, { depth: 8 })).not.to.include(PREVIOUS);
      expect(JSON.stringify(token)).not.to.include(PREVIOUS);
    });

    it('never copies key-shaped text or the key itself, even from fields the user names', () => {
      const named = read({ ...rotating, copy: KEY }, ['previous', 'old', 'jwt', 'value', 'copy', 'endpoint']);
      expect(named.attributes).to.deep.equal({ endpoint: 'e' });
    });
  });

  describe('having a value it cannot read', () => {
    const cases: Record<string, string> = {
      'not JSON': `{${KEY}`,
      'a JSON array': `["${KEY}"]`,
      'a JSON string': JSON.stringify(KEY),
      'no such field': JSON.stringify({ [KEY]: 'x', api_key: KEY }),
      'a field that is not a string': JSON.stringify({ apiKey: 5, note: KEY }),
      'a blank field': JSON.stringify({ apiKey: '  ', note: KEY }),
    };
    for (const [what, text] of Object.entries(cases)) {
      it(`refuses ${what} as MALFORMED, naming the source and field but quoting no value or field name`, () => {
        let thrown: unknown;
        try {
          readJsonField({ source: 'vault:momento', text, field: 'apiKey' });
        } catch (err) {
          thrown = err;
        }
        expect(TokenSourceError.is(thrown)).to.equal(true);
        const err = thrown as TokenSourceError;
        expect(err).to.include({ code: 'MALFORMED', source: 'vault:momento' });
        expect(err.message).to.include('"apiKey"');
        const shown = `${err.message}\n${inspect(err, { depth: 8 })}`;
        expect(shown).not.to.include(KEY);
        expect(shown).not.to.include('api_key');
        expect(shown).not.to.include('note');
      });
    }
  });
});
