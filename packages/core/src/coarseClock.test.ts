import { expect } from 'chai';
import sinon from 'sinon';
import { coarseNow, forgetCoarseNow } from './coarseClock.js';

describe('coarseNow', () => {
  let clock: sinon.SinonFakeTimers;
  beforeEach(() => {
    clock = sinon.useFakeTimers({ now: 1_000_000, toFake: ['Date'] });
    forgetCoarseNow();
  });
  afterEach(() => clock.restore());

  it('reads the clock once per event-loop turn', async () => {
    const first = coarseNow();
    clock.setSystemTime(2_000_000);
    expect(coarseNow(), 'same turn').to.equal(first);
    await new Promise((resolve) => setImmediate(resolve));
    expect(coarseNow(), 'next turn').to.equal(2_000_000);
  });

  it('reads it again after a bounded number of uses, though the turn never ends', () => {
    coarseNow();
    clock.setSystemTime(2_000_000);
    const readings = Array.from({ length: 1100 }, () => coarseNow());
    expect(readings[0]).to.equal(1_000_000);
    expect(readings.at(-1)).to.equal(2_000_000);
  });

  it('reads it again once forgotten, as a cache taking a new key does', () => {
    coarseNow();
    clock.setSystemTime(2_000_000);
    forgetCoarseNow();
    expect(coarseNow()).to.equal(2_000_000);
  });
});
