import { inspect } from 'node:util';
import { type TokenEvent, TokenSourceError } from '@tokenchain/core';
import { readJsonField } from '@tokenchain/core/source-kit';
import { expect } from 'chai';
import { secretValueToToken } from './secretValueToToken.js';

const KEY = `eyJ${'c'.repeat(40)}.current`;
const PREVIOUS = `eyJ${'p'.repeat(40)}.previous`;
const base = { source: 'secretsmanager:momento', what: 'secret momento' } as const;

describe('secretValueToToken', () => {
  describe('having a plain secret', () => {
    it('returns the whole value as the key, with its version', () => {
      const token = secretValueToToken({ ...base, value: `${KEY}\n`, version: 'v1' });
      expect(token.secret.reveal()).to.equal(KEY);
      expect(token.version).to.equal('v1');
    });

    it('warns, without quoting the value, when it is a JSON object and no jsonField is set', () => {
      const events: TokenEvent[] = [];
      secretValueToToken({ ...base, value: JSON.stringify({ apiKey: KEY }), report: (e) => events.push(e) });
      expect(events).to.have.length(1);
      expect(events[0]).to.include({ type: 'warning', source: base.source });
      expect(JSON.stringify(events)).not.to.include(KEY);
    });
  });

  describe('having a JSON secret read with jsonField', () => {
    const text = JSON.stringify({
      apiKey: KEY,
      endpoint: 'cell-1.example.com',
      cacheName: 'sessions',
      previous: PREVIOUS,
      value: PREVIOUS,
    });

    it('follows core’s one rule: the same key and attributes as readJsonField', () => {
      const token = secretValueToToken({ ...base, value: text, jsonField: 'apiKey' });
      const core = readJsonField({ source: base.source, text, field: 'apiKey' });
      expect(token.secret.reveal()).to.equal(core.value);
      expect(token.attributes).to.deep.equal(core.attributes).and.deep.equal({ endpoint: 'cell-1.example.com' });
    });

    it('keeps the second key out of the token’s inspect and JSON output, even when it is named', () => {
      const token = secretValueToToken({
        ...base,
        value: text,
        jsonField: 'apiKey',
        attributeFields: ['previous', 'value', 'cacheName'],
      });
      expect(token.attributes).to.deep.equal({ cacheName: 'sessions' });
      expect(inspect(token, { depth: 8 })).not.to.include(PREVIOUS);
      expect(JSON.stringify(token)).not.to.include(PREVIOUS);
    });

    it('refuses a missing field as MALFORMED, naming what and the field but no other field or value', () => {
      let thrown: unknown;
      try {
        secretValueToToken({ ...base, value: text, jsonField: 'api_key' });
      } catch (err) {
        thrown = err;
      }
      expect(TokenSourceError.is(thrown) && thrown.code).to.equal('MALFORMED');
      const message = (thrown as Error).message;
      expect(message).to.include('secret momento').and.to.include('"api_key"');
      for (const quoted of [KEY, PREVIOUS, 'cacheName', 'previous', 'cell-1']) expect(message).not.to.include(quoted);
    });
  });
});
