import { expect } from 'chai';
import type { DoctorStatus } from './DoctorReport.js';
import { exitCodeOf } from './exitCodeOf.js';
import { EXIT_CODES } from './exitCodes.js';

describe('exitCodeOf', () => {
  it('gives every status its own documented exit code', () => {
    const statuses: DoctorStatus[] = [
      'key-found',
      'internal-error',
      'configuration-error',
      'no-key',
      'key-rejected',
      'ping-failed',
    ];
    expect(statuses.map(exitCodeOf)).to.deep.equal(Object.values(EXIT_CODES));
  });
});
