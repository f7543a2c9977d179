import { expect } from 'chai';
import sinon from 'sinon';
import { MAX_TIMER_STEP_MS, startTimer } from './timer.js';

describe('startTimer', () => {
  let clock: sinon.SinonFakeTimers;
  beforeEach(() => {
    clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  });
  afterEach(() => clock.restore());

  describe('having a delay within Node’s limit', () => {
    it('fires once, after the delay', async () => {
      const fired = sinon.spy();
      startTimer(1000, fired);
      await clock.tickAsync(999);
      expect(fired.called).to.equal(false);
      await clock.tickAsync(1);
      expect(fired.calledOnce).to.equal(true);
    });
  });

  describe('having a delay past Node’s limit', () => {
    it('waits it out in steps instead of firing after 1 ms', async () => {
      const fired = sinon.spy();
      startTimer(3 * MAX_TIMER_STEP_MS + 5, fired);
      await clock.tickAsync(3 * MAX_TIMER_STEP_MS + 4);
      expect(fired.called).to.equal(false);
      await clock.tickAsync(1);
      expect(fired.calledOnce).to.equal(true);
    });

    it('never arms a single timeout longer than the limit', () => {
      const setTimeoutSpy = sinon.spy(globalThis, 'setTimeout');
      try {
        startTimer(2 ** 40, () => {});
        expect(setTimeoutSpy.firstCall.args[1]).to.equal(MAX_TIMER_STEP_MS);
      } finally {
        setTimeoutSpy.restore();
      }
    });
  });

  describe('having an infinite delay', () => {
    it('starts no timer at all', () => {
      startTimer(Number.POSITIVE_INFINITY, () => {});
      expect(clock.countTimers()).to.equal(0);
    });
  });

  describe('when cancelled', () => {
    it('never fires, even between steps', async () => {
      const fired = sinon.spy();
      const timer = startTimer(2 * MAX_TIMER_STEP_MS, fired);
      await clock.tickAsync(MAX_TIMER_STEP_MS + 1);
      timer.cancel();
      timer.cancel();
      await clock.tickAsync(2 * MAX_TIMER_STEP_MS);
      expect(fired.called).to.equal(false);
      expect(clock.countTimers()).to.equal(0);
    });
  });

  it('rounds a fraction of a millisecond up, never firing early', async () => {
    const fired = sinon.spy();
    startTimer(MAX_TIMER_STEP_MS + 10.5, fired);
    await clock.tickAsync(MAX_TIMER_STEP_MS + 10);
    expect(fired.called).to.equal(false);
    await clock.tickAsync(1);
    expect(fired.calledOnce).to.equal(true);
  });

  it('counts a negative delay as 0 and refuses NaN', async () => {
    const fired = sinon.spy();
    startTimer(-5, fired);
    await clock.tickAsync(0);
    expect(fired.calledOnce).to.equal(true);
    expect(() => startTimer(Number.NaN, () => {})).to.throw(RangeError);
  });
});
