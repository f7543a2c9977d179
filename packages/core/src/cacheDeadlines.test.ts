import { expect } from 'chai';
import { DEADLINE_EPOCH_MS, storedDeadline } from './cacheDeadlines.js';

describe('storedDeadline', () => {
  describe('having the real clock, whose readings are whole ms', () => {
    it('stores a deadline as ms after the epoch, rounded up, so a near one is a whole number', () => {
      const dueAt = DEADLINE_EPOCH_MS + 54_000.25;
      expect(storedDeadline(dueAt, false)).to.equal(54_001);
    });

    it('answers every whole-ms reading as the exact deadline does', () => {
      const dueAt = DEADLINE_EPOCH_MS + 999.5;
      const stored = storedDeadline(dueAt, false);
      for (let at = DEADLINE_EPOCH_MS + 997; at <= DEADLINE_EPOCH_MS + 1002; at += 1) {
        expect(at - DEADLINE_EPOCH_MS < stored, `at ${at - DEADLINE_EPOCH_MS}`).to.equal(at < dueAt);
      }
    });

    it('never moves a deadline past a whole-ms expiry', () => {
      const expiry = DEADLINE_EPOCH_MS + 60_000;
      expect(storedDeadline(expiry, false)).to.equal(60_000);
    });

    it('keeps Infinity, a key that is never due', () => {
      expect(storedDeadline(Number.POSITIVE_INFINITY, false)).to.equal(Number.POSITIVE_INFINITY);
    });

    it('keeps a deadline years away, past the small integers, exact to the ms', () => {
      const dueAt = DEADLINE_EPOCH_MS + 5 * 365 * 86_400_000 + 7;
      expect(storedDeadline(dueAt, false) + DEADLINE_EPOCH_MS).to.equal(dueAt);
    });
  });

  describe('having an injected clock, which may read fractions', () => {
    it('stores the deadline exactly', () => {
      expect(storedDeadline(0.5, true)).to.equal(0.5 - DEADLINE_EPOCH_MS);
      expect(0.5 - DEADLINE_EPOCH_MS < storedDeadline(0.5, true), 'a reading at the deadline is due').to.equal(false);
    });
  });
});
