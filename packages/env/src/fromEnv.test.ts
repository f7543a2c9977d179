/// <reference types="chai-as-promised" />
import { inspect } from 'node:util';
import { TokenNotFoundError, TokenSourceError } from '@tokenchain/core';
import { describeTokenSourceContract, useProcessEnv } from '@tokenchain/core/testing';
import { expect } from 'chai';
import { fromEnv } from './fromEnv.js';

const KEY = 'eyJhcGlfa2V5IjoidGVzdC1rZXktZm9yLWZyb21FbnYifQ.c2lnbmF0dXJl';

describe(fromEnv.name, () => {
  describeTokenSourceContract('fromEnv', () => ({
    present: () => fromEnv({ variable: 'KEY', env: { KEY: `${KEY}\n` } }),
    expectedKey: KEY,
    absent: () => fromEnv({ variable: 'KEY', env: {} }),
  }));

  describe('having the variable set', () => {
    describe('when called', () => {
      it('returns the trimmed key named after the variable', async () => {
        const token = await fromEnv({ variable: 'MY_KEY', env: { MY_KEY: `  ${KEY} \n` } }).getToken();
        expect(token.secret.reveal()).to.equal(KEY);
        expect(token.source).to.equal('env:MY_KEY');
        expect(token.attributes).to.equal(undefined);
      });
    });

    describe('when no name is given', () => {
      useProcessEnv(() => ({ MOMENTO_API_KEY: KEY }));

      it('reads MOMENTO_API_KEY from process.env', async () => {
        const source = fromEnv();
        expect(source.name).to.equal('env:MOMENTO_API_KEY');
        expect((await source.getToken()).secret.reveal()).to.equal(KEY);
      });
    });

    describe('when endpointVariable names a variable that is set', () => {
      it('returns its trimmed value as attributes.endpoint', async () => {
        const env = { K: KEY, MOMENTO_ENDPOINT: ' cell-4-us-west-2-1.prod.a.momentohq.com\n' };
        const token = await fromEnv({ variable: 'K', endpointVariable: 'MOMENTO_ENDPOINT', env }).getToken();
        expect(token.attributes).to.deep.equal({ endpoint: 'cell-4-us-west-2-1.prod.a.momentohq.com' });
      });
    });

    describe('when endpointVariable names a variable that is unset or blank', () => {
      it('returns the key without an endpoint', async () => {
        const unset = await fromEnv({ variable: 'K', endpointVariable: 'E', env: { K: KEY } }).getToken();
        const blank = await fromEnv({ variable: 'K', endpointVariable: 'E', env: { K: KEY, E: '  ' } }).getToken();
        expect(unset.attributes).to.equal(undefined);
        expect(blank.attributes).to.equal(undefined);
      });
    });
  });

  describe('having the variable set only after the source was built', () => {
    describe('when called', () => {
      it('returns the key, because the variable is read at call time', async () => {
        const env: Record<string, string | undefined> = {};
        const source = fromEnv({ variable: 'LATE', env });
        await expect(source.getToken()).to.be.rejectedWith(TokenNotFoundError);
        env.LATE = KEY;
        expect((await source.getToken()).secret.reveal()).to.equal(KEY);
      });
    });
  });

  describe('having the variable unset', () => {
    describe('when called', () => {
      it('rejects with TokenNotFoundError saying the variable is not set', async () => {
        const err = await fromEnv({ variable: 'NOPE', env: {} })
          .getToken()
          .catch((e: unknown) => e);
        expect(TokenNotFoundError.is(err)).to.equal(true);
        expect((err as TokenNotFoundError).message).to.equal('env:NOPE: NOPE is not set');
      });
    });
  });

  describe('having the variable empty or only whitespace', () => {
    for (const [label, value, said] of [
      ['empty', '', 'empty'],
      ['whitespace', ' \t\n', 'only whitespace'],
    ] as const) {
      describe(`when it is ${label}`, () => {
        it('rejects with TokenNotFoundError so a chain falls through', async () => {
          const source = fromEnv({ variable: 'BLANK', env: { BLANK: value } });
          await expect(source.getToken()).to.be.rejectedWith(TokenNotFoundError, `BLANK is set but ${said}`);
        });
      });
    }
  });

  describe('having an aborted signal', () => {
    describe('when called', () => {
      it('rejects with ABORTED without reading the variable', async () => {
        const env = {
          get K(): string {
            throw new Error('read the variable after the abort');
          },
        };
        const controller = new AbortController();
        controller.abort();
        await expect(fromEnv({ variable: 'K', env }).getToken({ signal: controller.signal }))
          .to.be.rejectedWith(TokenSourceError)
          .and.eventually.have.property('code', 'ABORTED');
      });
    });
  });

  describe('having a blank variable name', () => {
    describe('when built', () => {
      it('throws INVALID_CONFIGURATION at once', () => {
        expect(() => fromEnv({ variable: ' ' }))
          .to.throw(TokenSourceError)
          .with.property('code', 'INVALID_CONFIGURATION');
        expect(() => fromEnv({ endpointVariable: '' }))
          .to.throw(TokenSourceError)
          .with.property('code', 'INVALID_CONFIGURATION');
      });
    });
  });

  describe('having a name that is not a variable name', () => {
    describe('when built', () => {
      it('throws INVALID_CONFIGURATION at once, quoting it', () => {
        expect(() => fromEnv({ variable: 'MY KEY' }))
          .to.throw(TokenSourceError)
          .with.property(
            'message',
            'env: variable "MY KEY" is not a variable name (letters, digits and "_", not starting with a digit)',
          );
        expect(() => fromEnv({ endpointVariable: '1ENDPOINT' }))
          .to.throw(TokenSourceError)
          .with.property('code', 'INVALID_CONFIGURATION');
      });
    });
  });

  describe('having the key itself passed as the variable name', () => {
    describe('when built', () => {
      for (const [what, name] of [
        ['the key', KEY],
        ['the key with a newline', `${KEY}\n`],
        ['a key without dots, which looks like a variable name', 'eyJhcGlfa2V5IjoidGVzdCJ9xyz'],
      ] as const) {
        it(`throws INVALID_CONFIGURATION for ${what} without quoting any of it`, () => {
          for (const init of [{ variable: name }, { endpointVariable: name }]) {
            expect(() => fromEnv(init))
              .to.throw(TokenSourceError)
              .with.property('message')
              .that.matches(/^env: (variable|endpointVariable) is shaped like a Momento API key \(not shown\)/)
              .and.does.not.include(name.trim().slice(-12));
          }
        });
      }
    });
  });

  describe('having the options by their old names, name and endpointName', () => {
    describe('when called', () => {
      it('reads them as variable and endpointVariable, for one more release', async () => {
        const source = fromEnv({
          name: 'OLD_KEY',
          endpointName: 'OLD_ENDPOINT',
          env: { OLD_KEY: KEY, OLD_ENDPOINT: 'cell-1' },
        });
        expect(source.name).to.equal('env:OLD_KEY');
        const token = await source.getToken();
        expect([token.secret.reveal(), token.attributes]).to.deep.equal([KEY, { endpoint: 'cell-1' }]);
      });

      it('names the old option in its errors, and refuses an old and a new name that disagree', () => {
        expect(() => fromEnv({ name: 'MY KEY' })).to.throw(
          TokenSourceError,
          /^env: name "MY KEY" is not a variable name/,
        );
        expect(() => fromEnv({ variable: 'A', name: 'B' }))
          .to.throw(TokenSourceError, 'give variable, not both variable and its old name name')
          .with.property('code', 'INVALID_CONFIGURATION');
        expect(() => fromEnv({ endpointVariable: 'A', endpointName: 'B' })).to.throw(TokenSourceError, /not both/);
      });
    });
  });

  describe('having a key in the variable', () => {
    describe('when the token is printed', () => {
      it('shows only a fingerprint', async () => {
        const token = await fromEnv({ variable: 'K', env: { K: KEY } }).getToken();
        expect(inspect(token)).not.to.include(KEY);
        expect(JSON.stringify(token)).not.to.include(KEY);
      });
    });
  });
});
