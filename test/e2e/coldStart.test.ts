import { CacheGet } from '@gomomento/sdk';
import { v2Key } from '@tokenchain/fakes/keys';
import { expect } from 'chai';
import { GET_SECRET_VALUE, SECRET_ID, startWorld, type World } from './harness.js';

describe('a thousand concurrent calls on a cold client', () => {
  let world: World;

  beforeEach(async () => {
    world = await startWorld();
    const key = v2Key();
    world.momento.allowKey(key);
    world.aws.secretsManager.put(SECRET_ID, key);
  });
  afterEach(() => world.close());

  it('makes exactly one GetSecretValue and answers every call', async () => {
    const client = world.cacheClient();
    const responses = await Promise.all(Array.from({ length: 1000 }, (_, i) => client.get('cache', `key-${i}`)));
    expect(responses.every((r) => r instanceof CacheGet.Miss)).to.equal(true);
    expect(world.aws.count(GET_SECRET_VALUE)).to.equal(1);
    expect(world.momento.callCount({ method: 'Get', outcome: 'ok' })).to.equal(1000);
  });
});
