import {
  GetSecretValueCommand,
  type GetSecretValueCommandOutput,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { type AwsFake, startAwsFake } from '@tokenchain/fakes/aws';
import { v2Key } from '@tokenchain/fakes/keys';

/** The secret every AWS part of the bench reads. Its key has no expiry of its own. */
export const SECRET_ID = 'bench/momento-api-key';
/** A secret whose key carries an `exp` claim (a year away). */
export const EXPIRING_SECRET_ID = 'bench/expiring-momento-api-key';

/** The local AWS fake with the bench's secret in it. */
export interface AwsBenchSetup {
  readonly fake: AwsFake;
  readonly key: string;
  /** A real SDK client pointed at the fake; destroyed by `close()`. */
  client(): SecretsManagerClient;
  close(): Promise<void>;
}

export async function startAwsBench(): Promise<AwsBenchSetup> {
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const fake = await startAwsFake();
  const key = v2Key({ id: 'bench' });
  fake.secretsManager.put(SECRET_ID, key);
  fake.secretsManager.put(
    EXPIRING_SECRET_ID,
    v2Key({ id: 'bench-expiring', expiresAt: new Date(Date.now() + 365 * 86_400_000) }),
  );
  const clients: SecretsManagerClient[] = [];
  return {
    fake,
    key,
    client() {
      const client = new SecretsManagerClient(fake.clientConfig());
      clients.push(client);
      return client;
    },
    async close() {
      for (const client of clients) client.destroy();
      await fake.close();
    },
  };
}

/** A real SDK client whose GetSecretValue is answered in-process, counted, with no network: for runs under fake clocks. */
export interface CountingClient {
  readonly client: SecretsManagerClient;
  /** GetSecretValue requests sent through the client. */
  readonly count: number;
  /** The (possibly faked) `Date.now()` of each request. */
  readonly times: readonly number[];
  /** The value served from now on. */
  setValue(value: string): void;
}

export function countingClient(initialValue: string): CountingClient {
  const client = new SecretsManagerClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench' },
  });
  const times: number[] = [];
  let value = initialValue;
  let version = 0;
  // The first step of the stack answers before serialization, signing and the HTTP handler, so no timer of the SDK runs.
  client.middlewareStack.add(
    () => async () => {
      times.push(Date.now());
      const output: GetSecretValueCommandOutput = {
        $metadata: { httpStatusCode: 200, attempts: 1 },
        Name: SECRET_ID,
        SecretString: value,
        VersionId: `v${version}`,
      };
      return { output, response: {} } as never;
    },
    { step: 'initialize', name: 'benchAnswerInProcess', priority: 'high' },
  );
  return {
    client,
    get count() {
      return times.length;
    },
    times,
    setValue(next) {
      value = next;
      version += 1;
    },
  };
}

/** What the seed guide warns against: one GetSecretValue per use. */
export function naiveGet(client: SecretsManagerClient): Promise<string | undefined> {
  return client.send(new GetSecretValueCommand({ SecretId: SECRET_ID })).then((out) => out.SecretString);
}
