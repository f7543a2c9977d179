import { expect } from 'chai';
import { isCachedTokenSource } from '../cached.js';
import type { TokenEvent } from '../events.js';
import { TokenChainError } from '../TokenChainError.js';
import type { GetTokenOptions, Token, TokenSource } from '../TokenSource.js';
import { TokenSourceError } from '../TokenSourceError.js';
import { testSource } from '../testing/testSource.js';
import { createSchemeRegistry } from './createSchemeRegistry.js';
import { DEFAULT_TOKEN_SOURCES, defaultTokenSource, TOKEN_SOURCES_VARIABLE } from './defaultTokenSource.js';
import { defineScheme } from './defineScheme.js';
import { testSchemes } from './fixtures.test.js';
import { fromConfig } from './fromConfig.js';
import type { SchemeContext } from './SchemeDefinition.js';

const notInstalled = async (name: string) =>
  Promise.reject(Object.assign(new Error(`Cannot find package '${name}'`), { code: 'ERR_MODULE_NOT_FOUND' }));

describe('fromConfig', () => {
  describe('when built', () => {
    it('throws at once for a grammar mistake', () => {
      expect(() => fromConfig('env:A,,env:B')).to.throw(TokenSourceError, /entry 2 is empty/);
    });

    it('is named after its entries, or the name it is given', () => {
      expect(fromConfig('mem:a, mem:b').name).to.equal('config(mem:a, mem:b)');
      expect(fromConfig('{"name": "momento-key", "sources": "mem:a"}').name).to.equal('momento-key');
      expect(fromConfig('mem:a', { name: 'mine' }).name).to.equal('mine');
    });

    it('imports nothing until asked for a key', () => {
      let imports = 0;
      fromConfig('env:A', {
        importer: async () => {
          imports += 1;
          return {};
        },
      });
      expect(imports).to.equal(0);
    });
  });

  describe('having a first entry that is not there', () => {
    it('returns the key of the next entry, as a chain does', async () => {
      const registry = createSchemeRegistry({ builtins: false, schemes: testSchemes().all });
      const events: TokenEvent[] = [];
      const source = fromConfig('mem:, upper+mem:key', { registry, onEvent: (e) => events.push(e) });
      const token = await source.getToken();
      expect(token.secret.reveal()).to.equal('KEY');
      expect(events.map((e) => e.type)).to.deep.equal(['fallback', 'resolved']);
      expect(events[1]?.source).to.equal('config(mem:, upper+mem:key)');
    });

    it('rejects with every attempt when no entry has a key', async () => {
      const registry = createSchemeRegistry({ builtins: false, schemes: testSchemes().all });
      const err = await fromConfig('mem:, mem:', { registry })
        .getToken()
        .catch((e: unknown) => e);
      expect(TokenChainError.is(err) && err.attempts.map((a) => a.outcome)).to.deep.equal(['not-found', 'not-found']);
    });
  });

  describe('having a scheme whose package is not installed', () => {
    it('rejects each call with INVALID_CONFIGURATION naming the package, and works once it is installed', async () => {
      let installed = false;
      const envScheme = defineScheme({ ...testSchemes().memScheme, scheme: 'env' });
      const source = fromConfig('env:abc', {
        importer: async (name) => (installed ? { envScheme } : notInstalled(name)),
      });
      await expect(source.getToken()).to.be.rejectedWith(
        /config: entry 1 "env:abc": the "env" scheme needs the package @tokenchain\/env, which is not installed/,
      );
      installed = true;
      expect((await source.getToken()).secret.reveal()).to.equal('abc');
    });
  });

  describe('when the caller aborts while schemes load', () => {
    it('rejects with ABORTED', async () => {
      const source = fromConfig('env:abc', { importer: () => new Promise(() => {}) });
      const controller = new AbortController();
      const pending = source.getToken({ signal: controller.signal });
      controller.abort();
      await expect(pending).to.be.rejected.and.eventually.have.property('code', 'ABORTED');
    });
  });

  describe('having a link that announces new keys', () => {
    it('passes announcements on to subscribers once loaded', async () => {
      const watched = testSource({ name: 'watched', value: 'key-1' });
      const watchScheme = defineScheme({
        scheme: 'watched',
        kind: 'source',
        summary: 's',
        target: { description: 't', required: false },
        create: () => watched,
      });
      const registry = createSchemeRegistry({ builtins: false, schemes: [watchScheme] });
      const source = fromConfig('watched:', { registry });
      const seen: Token[] = [];
      const unsubscribe = source.subscribe?.((t) => seen.push(t));
      await source.getToken();
      watched.announce('key-2');
      unsubscribe?.();
      watched.announce('key-3');
      expect(seen.map((t) => t.secret.reveal())).to.deep.equal(['key-2']);
    });
  });
});

describe('defaultTokenSource', () => {
  function recordingEnvScheme() {
    const targets: { target: string; endpointName: string | undefined }[] = [];
    const envScheme = defineScheme({
      scheme: 'env',
      kind: 'source',
      summary: 'records what it was given',
      target: { description: 't', required: false },
      options: { endpointName: { type: 'string', description: 'd' } },
      create(context) {
        targets.push({ target: context.target, endpointName: context.string('endpointName') });
        return testSource({ name: `env:${context.target}`, value: 'key-from-env' });
      },
    });
    return { targets, envScheme };
  }

  describe(`having no ${TOKEN_SOURCES_VARIABLE}`, () => {
    it('reads MOMENTO_API_KEY with the endpoint in MOMENTO_ENDPOINT, as the Momento SDK does', async () => {
      const { targets, envScheme } = recordingEnvScheme();
      const source = defaultTokenSource({ env: {}, schemes: [envScheme] });
      expect((await source.getToken()).secret.reveal()).to.equal('key-from-env');
      expect(targets).to.deep.equal([{ target: 'MOMENTO_API_KEY', endpointName: 'MOMENTO_ENDPOINT' }]);
      expect(DEFAULT_TOKEN_SOURCES).to.equal('env:MOMENTO_API_KEY?endpointName=MOMENTO_ENDPOINT');
    });

    it('rejects naming @tokenchain/env when the application has not installed it', async () => {
      const source = defaultTokenSource({ env: {}, importer: notInstalled });
      await expect(source.getToken()).to.be.rejectedWith(/default sources: entry 1 .*npm install @tokenchain\/env/);
    });
  });

  describe(`having ${TOKEN_SOURCES_VARIABLE}`, () => {
    it('uses the chain it describes, and names errors after the variable', async () => {
      const registry = createSchemeRegistry({ builtins: false, schemes: testSchemes().all });
      const source = defaultTokenSource({ env: { [TOKEN_SOURCES_VARIABLE]: 'mem:, upper+mem:abc' }, registry });
      expect((await source.getToken()).secret.reveal()).to.equal('ABC');
      const broken = defaultTokenSource({ env: { [TOKEN_SOURCES_VARIABLE]: 'vault:x' }, registry });
      await expect(broken.getToken()).to.be.rejectedWith(/^MOMENTO_TOKEN_SOURCES: entry 1 "vault:x": unknown scheme/);
    });
  });

  it('caches with the default policy: one fetch serves many calls', async () => {
    const { envScheme } = recordingEnvScheme();
    let fetches = 0;
    const counting = defineScheme({
      ...envScheme,
      create: (context: SchemeContext): TokenSource => {
        const inner = envScheme.create(context) as TokenSource;
        return {
          name: inner.name,
          getToken: (o?: GetTokenOptions) => {
            fetches += 1;
            return inner.getToken(o);
          },
        };
      },
    });
    const source = defaultTokenSource({ env: {}, schemes: [counting] });
    expect(isCachedTokenSource(source)).to.equal(true);
    await Promise.all([source.getToken(), source.getToken()]);
    await source.getToken();
    source.close();
    expect(fetches).to.equal(1);
  });
});
