import { expect } from 'chai';
import { awsOptionsProblem, DEFAULT_MAX_ATTEMPTS, lazyClient } from './lazyClient.js';

type Config = { region?: string; maxAttempts?: number; endpoint?: string };

describe('lazyClient', () => {
  it('hands back a given client without building one', async () => {
    const given = { given: true };
    let builds = 0;
    const get = lazyClient<object, Config>({ client: given }, 'eu-west-1', async () => {
      builds += 1;
      return {};
    });
    expect(await get()).to.equal(given);
    expect(builds).to.equal(0);
  });

  it('builds once on first use with standard retries, the attempts and the ARN region, then reuses it', async () => {
    const configs: Config[] = [];
    const get = lazyClient<object, Config>(
      { clientConfig: { region: 'us-east-1', endpoint: 'http://127.0.0.1:1' } },
      'eu-west-1',
      async (config) => {
        configs.push(config);
        return { built: configs.length };
      },
    );
    const [a, b] = await Promise.all([get(), get()]);
    expect(a).to.equal(b);
    expect(configs).to.deep.equal([
      { retryMode: 'standard', region: 'eu-west-1', endpoint: 'http://127.0.0.1:1', maxAttempts: DEFAULT_MAX_ATTEMPTS },
    ]);
  });

  it('prefers maxAttempts, then clientConfig.maxAttempts', async () => {
    const seen: number[] = [];
    const build = async (config: { maxAttempts: number }) => {
      seen.push(config.maxAttempts);
      return {};
    };
    await lazyClient<object, Config>({ maxAttempts: 5, clientConfig: { maxAttempts: 2 } }, undefined, build)();
    await lazyClient<object, Config>({ clientConfig: { maxAttempts: 2 } }, undefined, build)();
    expect(seen).to.deep.equal([5, 2]);
  });

  it('forgets a failed build so the next call tries again', async () => {
    let builds = 0;
    const get = lazyClient<object, Config>({}, undefined, async () => {
      builds += 1;
      if (builds === 1) throw new Error('SDK not installed');
      return {};
    });
    await expect(get()).to.be.rejectedWith('SDK not installed');
    await get();
    expect(builds).to.equal(2);
  });
});

describe('awsOptionsProblem', () => {
  it('names a bad timeout or attempt count and passes good ones', () => {
    expect(awsOptionsProblem({})).to.equal(undefined);
    expect(awsOptionsProblem({ timeoutMs: Number.POSITIVE_INFINITY, maxAttempts: 1 })).to.equal(undefined);
    expect(awsOptionsProblem({ timeoutMs: 0 })).to.equal('timeoutMs must be a positive number');
    expect(awsOptionsProblem({ maxAttempts: 1.5 })).to.equal('maxAttempts must be a positive integer');
  });
});
