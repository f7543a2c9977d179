import { v2Key } from '@tokenchain/fakes/keys';
import { expect } from 'chai';
import { defaultCacheConfiguration, defaultTopicConfiguration, LAMBDA_VARIABLE } from './defaultConfiguration.js';
import { type ChildResult, type MomentoFake, runChild, sdk, startMomentoFake } from './fixtures.testing.js';

const IN_LAMBDA = { [LAMBDA_VARIABLE]: 'orders' };
/** What the SDK logs for every client it builds without a configuration. */
const NO_CONFIGURATION = 'No configuration provided';

describe('the default configuration', () => {
  describe(defaultCacheConfiguration.name, () => {
    it(`is the SDK's Lambda preset when ${LAMBDA_VARIABLE} is set`, () => {
      expect(defaultCacheConfiguration(sdk, IN_LAMBDA)).to.be.instanceOf(sdk.Configurations.Lambda);
    });

    it('is InRegion.Default elsewhere, an empty value included', () => {
      for (const env of [{}, { [LAMBDA_VARIABLE]: ' ' }]) {
        expect(defaultCacheConfiguration(sdk, env)).to.be.instanceOf(sdk.Configurations.InRegion.Default);
      }
    });
  });

  describe(defaultTopicConfiguration.name, () => {
    it(`is the SDK's topic Lambda preset, without keep-alives, when ${LAMBDA_VARIABLE} is set`, () => {
      const configuration = defaultTopicConfiguration(sdk, IN_LAMBDA);
      expect(configuration).to.be.instanceOf(sdk.TopicConfigurations.Lambda);
      expect(configuration.getTransportStrategy().getGrpcConfig().getKeepAliveTimeMS()).to.equal(undefined);
    });

    it('is the topic Default preset elsewhere', () => {
      expect(defaultTopicConfiguration(sdk, {})).to.deep.equal(sdk.TopicConfigurations.Default.latest());
    });
  });

  describe('having managed clients built without a configuration, used across a key rotation', () => {
    let fake: MomentoFake;
    const rotatedTo = v2Key();
    const keys = [v2Key(), rotatedTo];
    before(async () => {
      fake = await startMomentoFake({ keys });
    });
    after(() => fake.close());

    const run = (mode: 'lambda' | 'elsewhere' | 'sdk'): Promise<ChildResult> =>
      runChild('defaultConfiguration.test.child.js', {
        CHILD_MODE: mode,
        CHILD_ENDPOINT: fake.endpoint,
        CHILD_KEYS: JSON.stringify(keys),
      });

    it(`the SDK's own client, built without one, prints "${NO_CONFIGURATION}" (what the cases below look for)`, async () => {
      const result = await run('sdk');
      expect(result.code, result.output).to.equal(0);
      expect(result.output).to.include(NO_CONFIGURATION);
    });

    for (const [mode, preset] of [
      ['lambda', 'Lambda'],
      ['elsewhere', 'InRegionDefault'],
    ] as const) {
      it(`${mode === 'lambda' ? 'in Lambda' : 'outside Lambda'}, they use ${preset} and the SDK prints nothing about it, rotation included`, async () => {
        const result = await run(mode);
        expect(result.code, result.output).to.equal(0);
        expect(result.report).to.deep.equal({
          results: ['Success', 'Success', 'Success', 'Success'],
          rotated: true,
          configuration: preset,
        });
        expect(result.output).not.to.include(NO_CONFIGURATION);
        expect(result.output).not.to.include('Laptop');
        expect(fake.callCount({ key: rotatedTo, outcome: 'ok' })).to.be.greaterThan(0);
      });
    }
  });
});
