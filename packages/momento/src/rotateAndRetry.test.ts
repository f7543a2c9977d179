import { expect } from 'chai';
import type { Generation } from './Generation.js';
import { type KeyRotation, MAX_ROTATIONS_PER_CALL, rotateAndRetry } from './rotateAndRetry.js';

const generation = (fingerprint: string): Generation<string> => ({
  client: fingerprint,
  fingerprint,
  inFlight: 0,
  disposed: false,
});

/** A manager whose forced refreshes hand out `keys` in turn, then keep the last one; `leased` records what was leased. */
function rotatingThrough(keys: readonly string[]): KeyRotation<string> & { readonly leased: string[] } {
  let next = 0;
  const leased: string[] = [];
  return {
    leased,
    async rotate() {
      const key = keys[Math.min(next, keys.length - 1)];
      next += 1;
      return key === undefined ? undefined : generation(key);
    },
    lease(g) {
      leased.push(g.fingerprint);
      return true;
    },
  };
}

describe(rotateAndRetry.name, () => {
  const rejectedKeys = new Set(['k1', 'k2']);
  const attempt = async (g: Generation<string>) => (rejectedKeys.has(g.client) ? 'rejected' : `ok on ${g.client}`);
  const isRejected = (outcome: string) => outcome === 'rejected';

  describe('having an outcome that was not rejected', () => {
    it('returns it without rotating', async () => {
      const manager = rotatingThrough(['k3']);
      expect(await rotateAndRetry(manager, generation('k3'), 'ok', attempt, isRejected)).to.equal('ok');
      expect(manager.leased).to.deep.equal([]);
    });
  });

  describe('having a store that rotates again while the retry is on the wire', () => {
    it('moves on to each key not tried yet and returns the first outcome that is not rejected', async () => {
      const manager = rotatingThrough(['k2', 'k3']);
      expect(await rotateAndRetry(manager, generation('k1'), 'rejected', attempt, isRejected)).to.equal('ok on k3');
      expect(manager.leased).to.deep.equal(['k2', 'k3']);
    });
  });

  describe('having a store that hands back a key already tried', () => {
    it('stops and returns the rejection', async () => {
      const manager = rotatingThrough(['k2', 'k1']);
      expect(await rotateAndRetry(manager, generation('k1'), 'rejected', attempt, isRejected)).to.equal('rejected');
      expect(manager.leased).to.deep.equal(['k2']);
    });
  });

  describe('having a store that keeps handing out new revoked keys', () => {
    it(`retries on at most ${MAX_ROTATIONS_PER_CALL} new keys`, async () => {
      const revokedKeys = ['r1', 'r2', 'r3', 'r4', 'r5'];
      const manager = rotatingThrough(revokedKeys);
      const always = async () => 'rejected';
      expect(await rotateAndRetry(manager, generation('r0'), 'rejected', always, isRejected)).to.equal('rejected');
      expect(manager.leased).to.deep.equal(revokedKeys.slice(0, MAX_ROTATIONS_PER_CALL));
    });
  });

  describe('having no new key to be had', () => {
    it('returns the rejection', async () => {
      const manager = rotatingThrough([]);
      expect(await rotateAndRetry(manager, generation('k1'), 'rejected', attempt, isRejected)).to.equal('rejected');
    });
  });
});
