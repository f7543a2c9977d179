import { expect } from 'chai';
import { TokenSourceError } from '../TokenSourceError.js';
import { base64Scheme, jsonScheme } from './coreSchemes.js';
import { createSchemeRegistry } from './createSchemeRegistry.js';
import { defineScheme } from './defineScheme.js';
import { testSchemes } from './fixtures.testing.js';

/** Asserts that `run` throws a configuration error, and returns the assertion on its message. */
function messageOf(run: () => unknown) {
  expect(run).to.throw(TokenSourceError).with.property('code', 'INVALID_CONFIGURATION');
  return expect(run).to.throw(TokenSourceError).with.property('message');
}

/** A registry of the core decorators and the test scheme `mem`. */
const withMem = () => createSchemeRegistry({ schemes: [testSchemes().memScheme] });

describe('createSchemeRegistry', () => {
  describe('when listing', () => {
    it('returns core decorators alone when given no schemes', () => {
      expect(
        createSchemeRegistry()
          .list()
          .map((d) => d.scheme),
      ).to.deep.equal(['base64', 'json']);
    });

    it('returns core decorators and your schemes, sorted', () => {
      const { memScheme, upperScheme } = testSchemes();
      expect(
        createSchemeRegistry({ schemes: [upperScheme, memScheme] })
          .list()
          .map((d) => d.scheme),
      ).to.deep.equal(['base64', 'json', 'mem', 'upper']);
    });
  });

  describe('having a registered scheme', () => {
    it('resolves it to the definition it was given', () => {
      const { memScheme } = testSchemes();
      expect(createSchemeRegistry({ schemes: [memScheme] }).resolve('mem')).to.equal(memScheme);
    });

    it('resolves core decorators without being given them', () => {
      const registry = createSchemeRegistry();
      expect(registry.resolve('base64')).to.equal(base64Scheme);
      expect(registry.resolve('json')).to.equal(jsonScheme);
    });

    it('lets it replace a core decorator of the same name', () => {
      const mine = defineScheme({ ...testSchemes().upperScheme, scheme: 'json' });
      expect(createSchemeRegistry({ schemes: [mine] }).resolve('json')).to.equal(mine);
    });

    it('refuses the same name twice', () => {
      const { memScheme } = testSchemes();
      expect(() => createSchemeRegistry().register(memScheme, memScheme)).to.throw(/"mem" is registered twice/);
    });

    it('refuses a definition not made by defineScheme', () => {
      const { memScheme } = testSchemes();
      expect(() => createSchemeRegistry().register({ ...memScheme })).to.throw(/"mem" was not made by defineScheme/);
    });
  });

  describe("having one of tokenchain's adapter schemes not registered", () => {
    it('throws saying which export of which package to pass, and what is registered', () => {
      messageOf(() => withMem().resolve('ssm')).that.equals(
        'scheme registry: unknown scheme "ssm": pass ssmScheme from @tokenchain/aws-ssm in options.schemes (registered: base64, json, mem)',
      );
    });

    it('never says "not installed": the package may well be installed, just not passed', () => {
      messageOf(() => createSchemeRegistry().resolve('env')).that.does.not.include('installed');
    });

    it('says where to register as the caller words it', () => {
      messageOf(() =>
        createSchemeRegistry({ registerWith: 'a module given to --import' }).resolve('vault'),
      ).that.equals(
        'scheme registry: unknown scheme "vault": pass a scheme made by defineScheme in a module given to --import (registered: base64, json)',
      );
    });
  });

  describe('having a misspelt scheme', () => {
    it('suggests the close registered one', () => {
      messageOf(() => withMem().resolve('mex')).that.equals(
        'scheme registry: unknown scheme "mex": did you mean "mem"? (registered: base64, json, mem)',
      );
    });

    it('suggests a close adapter scheme with the export to pass when it is not registered', () => {
      messageOf(() => createSchemeRegistry().resolve('secretmanager')).that.equals(
        'scheme registry: unknown scheme "secretmanager": did you mean "secretsmanager" (pass secretsManagerScheme from @tokenchain/aws-secrets-manager in options.schemes)? (registered: base64, json)',
      );
    });
  });

  describe('asked for something that is not a scheme name', () => {
    it('does not quote it, since it may be a pasted key', () => {
      const pasted = `eyJ${'a'.repeat(40)}`;
      messageOf(() => createSchemeRegistry().resolve(pasted)).that.equals(
        'scheme registry: a scheme name must be lowercase letters, digits and "-" (registered: base64, json)',
      );
    });
  });
});
