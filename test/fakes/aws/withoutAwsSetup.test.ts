import { existsSync } from 'node:fs';
import { expect } from 'chai';
import { withoutAwsSetup } from './withoutAwsSetup.js';

describe('withoutAwsSetup', () => {
  it('hides every AWS_ variable and HOME while it runs, and puts them back after', async () => {
    process.env.AWS_PROFILE = 'from-the-test';
    const home = process.env.HOME;
    try {
      const seen = await withoutAwsSetup(
        async (tempHome) => ({
          profile: process.env.AWS_PROFILE,
          region: process.env.AWS_REGION,
          home: process.env.HOME === tempHome && existsSync(tempHome),
          imds: process.env.AWS_EC2_METADATA_DISABLED,
          tempHome,
        }),
        { AWS_REGION: 'eu-west-1' },
      );
      expect(seen).to.deep.include({ profile: undefined, region: 'eu-west-1', home: true, imds: 'true' });
      expect(process.env.AWS_PROFILE).to.equal('from-the-test');
      expect(process.env.AWS_REGION).to.equal(undefined);
      expect(process.env.HOME).to.equal(home);
      expect(existsSync(seen.tempHome), 'the temporary HOME is removed').to.equal(false);
    } finally {
      delete process.env.AWS_PROFILE;
    }
  });
});
