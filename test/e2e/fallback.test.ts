import { TokenSourceError } from '@tokenchain/core';
import { v2Key } from '@tokenchain/fakes/keys';
import { expect } from 'chai';
import { GET_SECRET_VALUE, hitValue, SECRET_ID, startWorld, type World } from './harness.js';

describe('falling back from Secrets Manager to MOMENTO_API_KEY', () => {
  let world: World;
  let envKey: string;

  beforeEach(async () => {
    world = await startWorld();
    envKey = v2Key();
    world.momento.allowKey(envKey);
    world.env.MOMENTO_API_KEY = envKey;
  });
  afterEach(() => world.close());

  describe('when the secret does not exist', () => {
    it('serves the key from the environment variable', async () => {
      const client = world.cacheClient();
      await client.set('cache', 'code', '12345');
      expect(hitValue(await client.get('cache', 'code'))).to.equal('12345');
      expect(world.momento.callCount({ key: envKey, outcome: 'ok' })).to.equal(2);
      expect(world.events.find((e) => e.type === 'resolved')).to.include({ winner: 'env:MOMENTO_API_KEY' });
      expect(world.aws.count(GET_SECRET_VALUE)).to.equal(1);
    });
  });

  describe('when the secret holds a malformed key', () => {
    for (const [label, value] of [
      ['something that is not a Momento key', 'please-put-the-key-here'],
      ['a key with a line break inside', () => v2Key().replace('.', '.\n')],
    ] as const) {
      it(`falls through to the environment variable when asked to, on ${label}`, async () => {
        world.aws.secretsManager.put(SECRET_ID, typeof value === 'function' ? value() : value);
        const client = world.cacheClient(world.seedChain({ fallThrough: 'any-error' }));
        await client.set('cache', 'code', '12345');
        expect(hitValue(await client.get('cache', 'code'))).to.equal('12345');
        expect(world.events.some((e) => e.type === 'fallback' && e.code === 'MALFORMED')).to.equal(true);
      });
    }

    it('stops with an error naming the secret by default', async () => {
      world.aws.secretsManager.put(SECRET_ID, 'please-put-the-key-here');
      const client = world.cacheClient();
      const err = await client.get('cache', 'code').then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(TokenSourceError.is(err)).to.equal(true);
      expect((err as TokenSourceError).message).to.include(`secretsmanager:${SECRET_ID}`);
      expect(world.momento.callCount()).to.equal(0);
    });
  });
});
