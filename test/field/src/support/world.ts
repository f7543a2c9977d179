import { join } from 'node:path';
import { type AwsFake, startAwsFake } from '@tokenchain/fakes/aws';
import { v2Key } from '@tokenchain/fakes/keys';
import { type MomentoFake, startMomentoFake } from '@tokenchain/fakes/momento';

/** The secret name of Momento's guide, which the README flow and the Lambda handler read. */
export const SECRET_ID = 'Momento_Auth_Token';
export const GET_SECRET_VALUE = 'secretsmanager.GetSecretValue';

/** Both fakes, seeded as Momento's guide has it: a v2 API key in the secret, accepted by Momento. */
export interface FieldWorld {
  readonly aws: AwsFake;
  readonly momento: MomentoFake;
  readonly key: string;
  /**
   * The whole environment of a child process: the AWS SDK's default chain finds the fake through
   * AWS_ENDPOINT_URL_SECRETS_MANAGER and static credentials (no profile files, no instance metadata); the scripts point
   * Momento at the fake through FIELD_MOMENTO_ENDPOINT.
   */
  childEnv(home: string, extra?: Readonly<Record<string, string>>): Record<string, string | undefined>;
  close(): Promise<void>;
}

export async function startFieldWorld(): Promise<FieldWorld> {
  const aws = await startAwsFake({ region: 'us-west-2' });
  const momento = await startMomentoFake();
  const key = v2Key();
  momento.allowKey(key);
  aws.secretsManager.put(SECRET_ID, key);
  return {
    aws,
    momento,
    key,
    childEnv(home, extra = {}) {
      const { credentials } = aws.clientConfig();
      return {
        PATH: process.env.PATH,
        HOME: home,
        AWS_REGION: aws.region,
        AWS_ACCESS_KEY_ID: credentials.accessKeyId,
        AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
        AWS_ENDPOINT_URL_SECRETS_MANAGER: aws.url,
        AWS_CONFIG_FILE: join(home, 'no-aws-config'),
        AWS_SHARED_CREDENTIALS_FILE: join(home, 'no-aws-credentials'),
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        FIELD_MOMENTO_ENDPOINT: momento.endpoint,
        ...extra,
      };
    },
    async close() {
      await Promise.all([aws.close(), momento.close()]);
    },
  };
}
