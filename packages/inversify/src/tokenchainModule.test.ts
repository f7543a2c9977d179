import 'reflect-metadata';
import { type CacheClient, CacheGetResponse, Configurations, NoopMomentoLoggerFactory } from '@gomomento/sdk';
import {
  type CachedTokenSource,
  createToken,
  fromValue,
  type Token,
  TokenNotFoundError,
  type TokenSource,
  TokenSourceError,
} from '@tokenchain/core';
import { defineScheme, type SchemeDefinition } from '@tokenchain/core/config';
import { envScheme } from '@tokenchain/env';
import { v2Key } from '@tokenchain/fakes/keys';
import { type MomentoFake, startMomentoFake } from '@tokenchain/fakes/momento';
import type { ManagedCacheClient, ManagedTopicClient } from '@tokenchain/momento';
import { expect } from 'chai';
import { Container, inject, injectable } from 'inversify';
import { CACHE_CLIENT, TOKEN_SOURCE, TOPIC_CLIENT } from './serviceIdentifiers.js';
import { tokenchainModule } from './tokenchainModule.js';

const VAULT_PATH = Symbol.for('test/VaultPath');

/** A dependency of the custom source, itself resolved by the container. */
@injectable()
class VaultClient {
  readonly secrets = new Map<string, string>();
  reads = 0;

  async read(path: string): Promise<string | undefined> {
    this.reads += 1;
    return this.secrets.get(path);
  }
}

/** A user's own source: an injectable class with injected dependencies of its own. */
@injectable()
class VaultTokenSource implements TokenSource {
  readonly name: string;

  constructor(
    @inject(VaultClient) private readonly vault: VaultClient,
    @inject(VAULT_PATH) private readonly path: string,
  ) {
    this.name = `vault:${path}`;
  }

  async getToken(): Promise<Token> {
    const value = await this.vault.read(this.path);
    if (value === undefined) throw new TokenNotFoundError(`nothing at ${this.path}`, { source: this.name });
    return createToken({ source: this.name, value });
  }
}

@injectable()
class NotASource {}

/** A scheme `mem:<name>` whose links return `value`, named after the entry. */
const memScheme = (value: string) =>
  defineScheme({
    scheme: 'mem',
    kind: 'source',
    summary: 'a key from a test map',
    target: { description: 'the name', required: true },
    create: (context) => fromValue(value, `mem:${context.target}`),
  });

/** Runs `run` with the env variables set as given (undefined: unset), and puts them back as they were afterwards. */
async function withEnv<T>(vars: Record<string, string | undefined>, run: () => Promise<T>): Promise<T> {
  const saved = Object.keys(vars).map((name) => [name, process.env[name]] as const);
  const apply = (entries: Iterable<readonly [string, string | undefined]>) => {
    for (const [name, value] of entries) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
  apply(Object.entries(vars));
  try {
    return await run();
  } finally {
    apply(saved);
  }
}

describe('tokenchainModule', () => {
  let momento: MomentoFake;
  const key = v2Key();
  const fallbackKey = v2Key();
  const containers: Container[] = [];

  before(async () => {
    momento = await startMomentoFake({ keys: [key, fallbackKey] });
  });

  after(async () => {
    await momento.close();
  });

  afterEach(async () => {
    // Unbinding closes the clients and the cache: nothing of a test outlives it.
    await Promise.all(containers.splice(0).map((c) => c.unbindAllAsync()));
  });

  /** A new container, unbound after the test. */
  function tracked(): Container {
    const container = new Container();
    containers.push(container);
    return container;
  }

  /** The key the container's chain returns. */
  async function tokenOf(container: Container): Promise<Token> {
    return (await container.getAsync<CachedTokenSource>(TOKEN_SOURCE)).getToken();
  }

  /** What the chain of a new container given no sources returns (a Token, or the error), while the env holds `vars`. */
  function keyOfDefaultChain(vars: Record<string, string | undefined>, schemes: readonly SchemeDefinition[]) {
    return withEnv(vars, async () => {
      const container = tracked();
      await container.loadAsync(tokenchainModule({ schemes }));
      return tokenOf(container).catch((e: unknown) => e);
    });
  }

  async function containerWith(vaultValue: string | undefined, ...links: (TokenSource | string)[]) {
    const container = tracked();
    container.bind(VaultClient).toSelf().inSingletonScope();
    container.bind(VAULT_PATH).toConstantValue('momento/api-key');
    await container.loadAsync(
      tokenchainModule({
        sources: [VaultTokenSource, ...links],
        endpointOverrides: momento.endpointOverrides(),
        cacheClient: { configuration: Configurations.Laptop.v1(new NoopMomentoLoggerFactory()) },
      }),
    );
    const vault = await container.getAsync(VaultClient);
    if (vaultValue !== undefined) vault.secrets.set('momento/api-key', vaultValue);
    return { container, vault };
  }

  describe('having a custom source class with dependencies of its own', () => {
    it('resolves it from the container and returns its key', async () => {
      const { container } = await containerWith(key);
      const source = await container.getAsync<CachedTokenSource>(TOKEN_SOURCE);
      const token = await source.getToken();
      expect(token.secret.reveal()).to.equal(key);
      expect(token.source).to.equal('vault:momento/api-key');
    });

    it('moves on to the next link, in the order given, when it has no key', async () => {
      const { container } = await containerWith(undefined, fromValue(fallbackKey, 'fallback'));
      const token = await tokenOf(container);
      expect(token.source).to.equal('fallback');
    });

    it('keeps a binding the container already had for the class', async () => {
      const container = tracked();
      container.bind(VaultTokenSource).toConstantValue(fromValue(fallbackKey, 'bound') as VaultTokenSource);
      await container.loadAsync(tokenchainModule({ sources: [VaultTokenSource] }));
      const token = await tokenOf(container);
      expect(token.source).to.equal('bound');
    });
  });

  describe('having configuration strings among the sources', () => {
    it('builds their links with the schemes given', async () => {
      const container = tracked();
      await container.loadAsync(tokenchainModule({ sources: ['mem:a'], schemes: [memScheme(fallbackKey)] }));
      const token = await tokenOf(container);
      expect(token.source).to.equal('mem:a');
    });

    it('rejects getAsync with INVALID_CONFIGURATION for an unknown scheme', async () => {
      // Not unbound afterwards: inversify keeps the rejected singleton, and unbinding would rethrow it. Nothing was built.
      const container = new Container();
      await container.loadAsync(tokenchainModule({ sources: ['vault:x'], schemes: [memScheme(fallbackKey)] }));
      const err = await container.getAsync(TOKEN_SOURCE).catch((e: unknown) => e);
      expect(TokenSourceError.is(err) && err.code).to.equal('INVALID_CONFIGURATION');
      expect((err as Error).message).to.include(
        'tokenchainModule sources[0]: entry 1 "vault:x": unknown scheme "vault"',
      );
    });

    it('rejects getAsync saying which export to pass for an adapter scheme not given', async () => {
      // Not unbound afterwards, as above.
      const container = new Container();
      await container.loadAsync(
        tokenchainModule({ sources: ['env:MOMENTO_API_KEY'], schemes: [memScheme(fallbackKey)] }),
      );
      await expect(container.getAsync(TOKEN_SOURCE)).to.be.rejectedWith(
        'unknown scheme "env": pass envScheme from @tokenchain/env in options.schemes',
      );
    });
  });

  describe('having a class that is not a source', () => {
    it('rejects getAsync naming it', async () => {
      // Not unbound afterwards: inversify keeps the rejected singleton, and unbinding would rethrow it. Nothing was built.
      const container = new Container();
      await container.loadAsync(tokenchainModule({ sources: [NotASource as never] }));
      await expect(container.getAsync(TOKEN_SOURCE)).to.be.rejectedWith(
        /sources\[0\] \(NotASource\) is not a TokenSource/,
      );
    });
  });

  describe('having no sources', () => {
    it('uses MOMENTO_TOKEN_SOURCES, as defaultTokenSource does', async () => {
      const token = await keyOfDefaultChain({ MOMENTO_TOKEN_SOURCES: 'mem:from-env' }, [memScheme(key)]);
      expect(token).to.include({ source: 'mem:from-env' });
    });
  });

  describe('having no sources and no MOMENTO_TOKEN_SOURCES', () => {
    const env = (apiKey: string) => ({ MOMENTO_TOKEN_SOURCES: undefined, MOMENTO_API_KEY: apiKey });

    it('reads MOMENTO_API_KEY with the envScheme it is given, as defaultTokenSource does', async () => {
      const token = await keyOfDefaultChain(env(key), [envScheme]);
      expect(token).to.include({ source: 'env:MOMENTO_API_KEY' });
    });

    describe('and a key in MOMENTO_API_KEY that carries its own expiry', () => {
      it('applies the key checks of the explicit path: the key’s exp becomes expiresAt, and an expired key is EXPIRED', async () => {
        const expiresAt = new Date(Math.floor(Date.now() / 1000) * 1000 + 3_600_000);
        const token = await keyOfDefaultChain(env(v2Key({ expiresAt })), [envScheme]);
        expect((token as Token).expiresAt?.getTime()).to.equal(expiresAt.getTime());

        const err = await keyOfDefaultChain(env(v2Key({ expiresAt: new Date(Date.now() - 60_000) })), [envScheme]);
        expect(TokenSourceError.is(err) && err.code).to.equal('EXPIRED');
      });
    });
  });

  describe('when the clients are resolved', () => {
    it('returns one cache client per container, working against Momento with the chain’s key', async () => {
      const { container, vault } = await containerWith(key);
      const [a, b] = await Promise.all([
        container.getAsync<ManagedCacheClient>(CACHE_CLIENT),
        container.getAsync<ManagedCacheClient>(CACHE_CLIENT),
      ]);
      expect(a).to.equal(b);
      await a.set('orders', 'code', '12345');
      const got = await a.get('orders', 'code');
      expect(got.type).to.equal(CacheGetResponse.Hit);
      expect(momento.peek('orders', 'code')).to.equal('12345');
      expect(a.keyFingerprint).to.equal((await tokenOf(container)).secret.fingerprint);
      expect(vault.reads).to.equal(1);
    });

    it('shares the one cached source between the cache and topic clients', async () => {
      const { container, vault } = await containerWith(key);
      const cache = await container.getAsync<ManagedCacheClient>(CACHE_CLIENT);
      const topics = await container.getAsync<ManagedTopicClient>(TOPIC_CLIENT);
      await cache.set('orders', 'k', 'v');
      const published = await topics.publish('orders', 'news', 'hello');
      expect(published.type).to.equal('Success');
      expect(vault.reads).to.equal(1);
    });

    it('gives another container clients of its own', async () => {
      const first = await containerWith(key);
      const second = await containerWith(key);
      const a = await first.container.getAsync<CacheClient>(CACHE_CLIENT);
      const b = await second.container.getAsync<CacheClient>(CACHE_CLIENT);
      expect(a).to.not.equal(b);
    });

    it('closes them when the container unbinds them', async () => {
      const { container } = await containerWith(key);
      const cache = await container.getAsync<ManagedCacheClient>(CACHE_CLIENT);
      await cache.set('orders', 'k', 'v');
      await container.unbindAllAsync();
      await expect(cache.get('orders', 'k')).to.be.rejectedWith(/closed/);
    });
  });
});
