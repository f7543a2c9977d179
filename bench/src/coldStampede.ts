import { DEFAULT_PROVIDERS } from '@aws-lambda-powertools/parameters/base';
import { getSecret, SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import { fromSecretsManager } from '@tokenchain/aws-secrets-manager';
import { cached } from '@tokenchain/core';
import { type AwsBenchSetup, naiveGet, SECRET_ID } from './aws.js';
import { fmt, type Row, times } from './Row.js';

const CALLERS = 1000;
const OPERATION = 'secretsmanager.GetSecretValue';

/**
 * A cold start under load: a thousand requests arrive before the key is cached. Each contender gets a fresh cache and a
 * fresh client; the AWS fake counts the GetSecretValue requests that reach it (retries included).
 */
export async function coldStampede(aws: AwsBenchSetup): Promise<Row[]> {
  const ours = await stampede(aws, () => {
    const source = cached(fromSecretsManager({ secretId: SECRET_ID, client: aws.client() }));
    return () => source.getToken();
  });
  const powertools = await stampede(aws, () => {
    DEFAULT_PROVIDERS.secrets = new SecretsProvider({ awsSdkV3Client: aws.client() });
    return () => getSecret(SECRET_ID);
  });
  delete DEFAULT_PROVIDERS.secrets;
  const naive = await stampede(aws, () => {
    const client = aws.client();
    return () => naiveGet(client);
  });
  const section = 'Cold stampede';
  const subject = `${CALLERS} concurrent first calls`;
  return [
    {
      section,
      subject,
      ours: `${ours.requests} request (${fmt(ours.ms)} ms until all served)`,
      peer: `Powertools getSecret(): ${powertools.requests} requests (${fmt(powertools.ms)} ms)`,
      ratio: `${times(powertools.requests / ours.requests)} fewer requests`,
      target: 'ours: 1 request',
      met: ours.requests === 1,
    },
    {
      section,
      subject,
      ours: `${ours.requests} request`,
      peer: `GetSecretValue per call: ${naive.requests} requests (${fmt(naive.ms)} ms)`,
      ratio: `${times(naive.requests / ours.requests)} fewer requests`,
    },
  ];
}

async function stampede(
  aws: AwsBenchSetup,
  prepare: () => () => Promise<unknown>,
): Promise<{ requests: number; ms: number }> {
  const call = prepare();
  aws.fake.resetRequests();
  const started = performance.now();
  await Promise.all(Array.from({ length: CALLERS }, () => call()));
  return { requests: aws.fake.count(OPERATION), ms: performance.now() - started };
}
