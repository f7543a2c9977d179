import { readFileSync } from 'node:fs';
import { expect } from 'chai';

// The public surface changes only on purpose: each package's api/*.api.md is what its built declarations export. A change
// to an export fails here with the difference; `pnpm run api:update` rewrites the reports, and the diff goes in review.
interface ApiReportModule {
  readonly ROOT: string;
  apiReports(): Map<string, string>;
}
const REPORTER = new URL('../../../.ci/api/apiReport.mjs', import.meta.url).href;

describe('the API reports', () => {
  let reports: Map<string, string>;

  // Reading every package's declarations takes a few seconds, more on a busy machine.
  const READ_TIMEOUT_MS = 120_000;

  before(async function () {
    this.timeout(READ_TIMEOUT_MS);
    reports = ((await import(REPORTER)) as ApiReportModule).apiReports();
  });

  it('cover every package and entry point, core with its four', () => {
    const core = [...reports.keys()].filter((file) => file.includes('/packages/core/api/'));
    expect(core.map((file) => file.split('/').pop())).to.have.members([
      'index.api.md',
      'source-kit.api.md',
      'config.api.md',
      'testing.api.md',
    ]);
  });

  it('match the built declarations (run `pnpm run api:update` after an intended change)', () => {
    for (const [file, built] of reports) {
      let checkedIn = '';
      try {
        checkedIn = readFileSync(file, 'utf8');
      } catch {
        // A new entry point with no report yet: the comparison below names it.
      }
      expect(checkedIn, `${file} differs from the built surface; run pnpm run api:update`).to.equal(built);
    }
  });
});
