import { expect } from 'chai';
import { singleFlight } from './singleFlight.js';

describe(singleFlight.name, () => {
  describe('having concurrent callers', () => {
    it('runs the work once and gives them all its result', async () => {
      let runs = 0;
      const get = singleFlight(async () => ++runs);
      expect(await Promise.all([get(), get(), get()])).to.deep.equal([1, 1, 1]);
      expect(await get()).to.equal(1);
      expect(runs).to.equal(1);
    });
  });

  describe('having work that fails', () => {
    it('rejects everyone waiting on that run, then lets the next caller start a fresh one', async () => {
      let runs = 0;
      const get = singleFlight(async () => {
        runs++;
        if (runs === 1) throw new Error('not yet');
        return 'built';
      });
      const [first, second] = await Promise.allSettled([get(), get()]);
      expect(first.status).to.equal('rejected');
      expect(second.status).to.equal('rejected');
      expect(await get()).to.equal('built');
      expect(runs).to.equal(2);
    });

    it('counts a synchronous throw as a failure, not an exception of the caller', async () => {
      let runs = 0;
      const get = singleFlight((): Promise<string> => {
        runs++;
        if (runs === 1) throw new Error('sync');
        return Promise.resolve('ok');
      });
      await expect(get()).to.be.rejectedWith('sync');
      expect(await get()).to.equal('ok');
    });
  });
});
