import { expect } from 'chai';
import { Backoff } from './Backoff.js';

describe('Backoff', () => {
  const range = { initialMs: 1000, maxMs: 4000 };
  const full = () => 1; // the top of each jittered step

  it('doubles the wait with each attempt gone wrong, up to the range’s top', () => {
    const backoff = new Backoff();
    expect([1, 2, 3, 4].map(() => backoff.step(0, range, full))).to.deep.equal([1000, 2000, 4000, 4000]);
    expect(backoff.attempts).to.equal(4);
  });

  it('holds attempts until the wait has passed, counted from when the attempt went wrong', () => {
    const backoff = new Backoff();
    backoff.step(10_000, range, full);
    expect(backoff.holds(10_999)).to.equal(true);
    expect(backoff.holds(11_000)).to.equal(false);
  });

  it('starts over from the first step once reset', () => {
    const backoff = new Backoff();
    backoff.step(0, range, full);
    backoff.step(0, range, full);
    backoff.reset();
    expect(backoff.holds(0)).to.equal(false);
    expect(backoff.step(0, range, full)).to.equal(1000);
  });
});
