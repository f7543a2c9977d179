import { CacheSet } from '@gomomento/sdk';
import { v2Key } from '@tokenchain/fakes/keys';
import { expect } from 'chai';
import { GET_SECRET_VALUE, hitValue, SECRET_ID, startWorld, type World } from './harness.js';

describe("the seed's flow: a plaintext key in Secrets Manager, a chain of Secrets Manager then env", () => {
  let world: World;
  let key: string;

  beforeEach(async () => {
    world = await startWorld();
    key = v2Key();
    world.momento.allowKey(key);
  });
  afterEach(() => world.close());

  describe('having the key in Secrets Manager', () => {
    beforeEach(() => {
      world.aws.secretsManager.put(SECRET_ID, key);
    });

    it('sets code=12345 and gets it back, with one GetSecretValue', async () => {
      const client = world.cacheClient();
      expect(await client.set('cache', 'code', '12345')).to.be.instanceOf(CacheSet.Success);
      expect(hitValue(await client.get('cache', 'code'))).to.equal('12345');
      expect(world.aws.count(GET_SECRET_VALUE)).to.equal(1);
      expect(world.momento.callCount({ key, outcome: 'ok' })).to.equal(2);
    });

    it('reports Secrets Manager as the winning source, by fingerprint only', async () => {
      const client = world.cacheClient();
      await client.get('cache', 'code');
      const resolved = world.events.find((e) => e.type === 'resolved');
      expect(resolved).to.include({ winner: `secretsmanager:${SECRET_ID}` });
      expect(JSON.stringify(world.events)).not.to.include(key);
    });

    it('survives the pitfall of the guide: a trailing newline in the secret is trimmed, the process does not crash', async () => {
      world.aws.secretsManager.rotate(SECRET_ID, `${key}\n`);
      const client = world.cacheClient();
      await client.set('cache', 'code', '12345');
      expect(hitValue(await client.get('cache', 'code'))).to.equal('12345');
    });
  });
});
