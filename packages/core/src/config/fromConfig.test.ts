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
import { testSchemes } from './fixtures.testing.js';
import { fromConfig } from './fromConfig.js';
import type { SchemeContext } from './SchemeDefinition.js';

describe('fromConfig', () => {
  describe('when built', () => {
    it('throws at once for a grammar mistake', () => {
      expect(() => fromConfig('env:A,,env:B')).to.throw(TokenSourceError, /entry 2 is empty/);
    });

    it('is named after its entries, or the name it is given', () => {
      const schemes = testSchemes().all;
      expect(fromConfig('mem:a, mem:b', { schemes }).name).to.equal('config(mem:a, mem:b)');
      expect(fromConfig('{"name": "momento-key", "sources": "mem:a"}', { schemes }).name).to.equal('momento-key');
      expect(fromConfig('mem:a', { schemes, name: 'mine' }).name).to.equal('mine');
    });

    it('builds no source until asked for a key', () => {
      const { seen, all } = testSchemes();
      fromConfig('mem:a, upper+mem:b', { schemes: all });
      expect(seen).to.deep.equal([]);
    });

    it('throws at once, saying what to pass, for a scheme that is not registered', () => {
      expect(() => fromConfig('mem:a, ssm:/momento/api-key', { schemes: testSchemes().all }))
        .to.throw(TokenSourceError)
        .with.property(
          'message',
          'config: entry 2 "ssm:/momento/api-key": unknown scheme "ssm": pass ssmScheme from @tokenchain/aws-ssm in options.schemes (registered: base64, json, mem, suffix, upper)',
        );
    });

    it('throws at once for an unknown option', () => {
      expect(() => fromConfig('mem:a?regoin=x', { schemes: testSchemes().all })).to.throw(
        TokenSourceError,
        /entry 1 "mem:a\?regoin=x": unknown option "regoin"/,
      );
    });

    it('refuses a name shaped like a Momento key, without quoting it', () => {
      const pasted = `eyJ${'k'.repeat(40)}`;
      expect(() => fromConfig('mem:a', { schemes: testSchemes().all, name: pasted }))
        .to.throw(TokenSourceError)
        .with.property('message')
        .that.does.not.include('kkkkkkkkkkkk');
    });
  });

  describe('having a first entry that is not there', () => {
    it('returns the key of the next entry, as a chain does', async () => {
      const registry = createSchemeRegistry({ schemes: testSchemes().all });
      const events: TokenEvent[] = [];
      const source = fromConfig('mem:, upper+mem:key', { registry, observer: { onEvent: (e) => events.push(e) } });
      const token = await source.getToken();
      expect(token.secret.reveal()).to.equal('KEY');
      expect(events.map((e) => e.type)).to.deep.equal(['fallback', 'resolved']);
      expect(events[1]?.source).to.equal('config(mem:, upper+mem:key)');
    });

    it('rejects with every attempt when no entry has a key', async () => {
      const registry = createSchemeRegistry({ schemes: testSchemes().all });
      const err = await fromConfig('mem:, mem:', { registry })
        .getToken()
        .catch((e: unknown) => e);
      expect(TokenChainError.is(err) && err.attempts.map((a) => a.outcome)).to.deep.equal(['not-found', 'not-found']);
    });
  });

  describe('having a source that fails to build', () => {
    it('rejects each call with INVALID_CONFIGURATION naming the entry, and builds once it can', async () => {
      let ready = false;
      const flaky = defineScheme({
        ...testSchemes().memScheme,
        scheme: 'flaky',
        create(context: SchemeContext) {
          if (!ready) throw new TokenSourceError('not mounted yet', { source: 'flaky', code: 'INVALID_CONFIGURATION' });
          return testSource({ name: 'flaky', value: context.target });
        },
      });
      const source = fromConfig('flaky:abc', { schemes: [flaky] });
      await expect(source.getToken()).to.be.rejectedWith(/^config: entry 1 "flaky:abc": not mounted yet$/);
      ready = true;
      expect((await source.getToken()).secret.reveal()).to.equal('abc');
    });
  });

  describe('when the caller aborts while sources are built', () => {
    it('rejects with ABORTED', async () => {
      const hanging = defineScheme({
        ...testSchemes().memScheme,
        scheme: 'hanging',
        create: () => new Promise<TokenSource>(() => {}),
      });
      const source = fromConfig('hanging:abc', { schemes: [hanging] });
      const controller = new AbortController();
      const pending = source.getToken({ signal: controller.signal });
      controller.abort();
      await expect(pending).to.be.rejected.and.eventually.have.property('code', 'ABORTED');
    });
  });

  describe('having a link that announces new keys', () => {
    /** A store that announces new keys, and a scheme `watched:` whose link is that store. */
    function watchedLink() {
      const watched = testSource({ name: 'watched', value: 'key-1' });
      const watchScheme = defineScheme({
        scheme: 'watched',
        kind: 'source',
        summary: 's',
        target: { description: 't', required: false },
        create: () => watched,
      });
      return { watched, watchScheme };
    }

    it('passes announcements on to subscribers once loaded', async () => {
      const { watched, watchScheme } = watchedLink();
      const registry = createSchemeRegistry({ schemes: [watchScheme] });
      const source = fromConfig('watched:', { registry });
      const seen: Token[] = [];
      const unsubscribe = source.subscribe?.((t) => seen.push(t));
      await source.getToken();
      watched.announce('key-2');
      unsubscribe?.();
      watched.announce('key-3');
      expect(seen.map((t) => t.secret.reveal())).to.deep.equal(['key-2']);
    });

    it('reports a subscriber that throws as a warning and still tells the others', async () => {
      const { watched, watchScheme } = watchedLink();
      const events: TokenEvent[] = [];
      const source = fromConfig('watched:', {
        registry: createSchemeRegistry({ schemes: [watchScheme] }),
        name: 'momento-key',
        observer: { onEvent: (e) => events.push(e) },
      });
      const seen: string[] = [];
      source.subscribe?.(() => {
        throw new RangeError('broken listener');
      });
      source.subscribe?.((t) => seen.push(t.secret.reveal()));
      await source.getToken();
      watched.announce('key-2');
      expect(seen).to.deep.equal(['key-2']);
      expect(events.filter((e) => e.type === 'warning')).to.deep.include({
        type: 'warning',
        source: 'momento-key',
        time: events.find((e) => e.type === 'warning')?.time ?? 0,
        message: 'a subscriber threw (RangeError); the others were still told',
      });
    });
  });
});

describe('defaultTokenSource', () => {
  function recordingEnvScheme() {
    const targets: { target: string; endpointVariable: string | undefined }[] = [];
    const envScheme = defineScheme({
      scheme: 'env',
      kind: 'source',
      summary: 'records what it was given',
      target: { description: 't', required: false },
      options: { endpointVariable: { type: 'string', description: 'd' } },
      create(context) {
        targets.push({ target: context.target, endpointVariable: context.string('endpointVariable') });
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
      expect(targets).to.deep.equal([{ target: 'MOMENTO_API_KEY', endpointVariable: 'MOMENTO_ENDPOINT' }]);
      expect(DEFAULT_TOKEN_SOURCES).to.equal('env:MOMENTO_API_KEY?endpointVariable=MOMENTO_ENDPOINT');
    });

    it('throws at once, saying to pass envScheme from @tokenchain/env, when it is not registered', () => {
      expect(() => defaultTokenSource({ env: {} }))
        .to.throw(TokenSourceError)
        .with.property(
          'message',
          `default sources (MOMENTO_TOKEN_SOURCES is not set): entry 1 "${DEFAULT_TOKEN_SOURCES}": unknown scheme "env": pass envScheme from @tokenchain/env in options.schemes (registered: base64, json)`,
        );
    });
  });

  describe(`having ${TOKEN_SOURCES_VARIABLE}`, () => {
    it('uses the chain it describes, and names errors after the variable', async () => {
      const registry = createSchemeRegistry({ schemes: testSchemes().all });
      const source = defaultTokenSource({ env: { [TOKEN_SOURCES_VARIABLE]: 'mem:, upper+mem:abc' }, registry });
      expect((await source.getToken()).secret.reveal()).to.equal('ABC');
      expect(() => defaultTokenSource({ env: { [TOKEN_SOURCES_VARIABLE]: 'vault:x' }, registry })).to.throw(
        /^MOMENTO_TOKEN_SOURCES: entry 1 "vault:x": unknown scheme/,
      );
    });

    it('needs no envScheme when the configuration names no env: entry', async () => {
      const source = defaultTokenSource({ env: { [TOKEN_SOURCES_VARIABLE]: 'mem:abc' }, schemes: testSchemes().all });
      expect((await source.getToken()).secret.reveal()).to.equal('abc');
      source.close();
    });

    it('refuses a key pasted into it, without quoting the key', () => {
      const pasted = `eyJ${'q'.repeat(40)}`;
      expect(() => defaultTokenSource({ env: { [TOKEN_SOURCES_VARIABLE]: ` ${pasted}\n` } }))
        .to.throw(TokenSourceError)
        .with.property('message')
        .that.matches(/^MOMENTO_TOKEN_SOURCES: entry 1 holds text shaped like a Momento API key \(not shown\)/)
        .and.does.not.include('qqqqqqqqqqqq');
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
