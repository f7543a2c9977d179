import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KMSClient } from '@aws-sdk/client-kms';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SSMClient } from '@aws-sdk/client-ssm';
import { Configurations, DefaultMomentoLoggerFactory, DefaultMomentoLoggerLevel } from '@gomomento/sdk';
import { type AwsFake, startAwsFake } from '@tokenchain/fakes/aws';
import { type MomentoFake, startMomentoFake } from '@tokenchain/fakes/momento';

/** The encryption context every KMS ciphertext in the suite is made with. */
export const KMS_CONTEXT = Object.freeze({ LambdaFunctionName: 'reliability' });
/** Each AWS call's deadline in the suite: short, so a hang ends fast. */
export const AWS_TIMEOUT_MS = 500;
/** The Momento SDK's per-call deadline in the suite. */
export const MOMENTO_TIMEOUT_MS = 500;
/** Attempts per AWS call: one retry, so throttling and 5xx are retried but cells stay quick. */
export const AWS_MAX_ATTEMPTS = 2;

/** The fakes and real SDK clients the reliability suite runs against. */
export interface World {
  readonly aws: AwsFake;
  readonly momento: MomentoFake;
  /** A temporary directory for key files, removed by `close()`. */
  readonly dir: string;
  readonly secretsManager: SecretsManagerClient;
  readonly ssm: SSMClient;
  readonly kms: KMSClient;
  readonly kmsKeyId: string;
  /** A fresh name for a secret, parameter, variable or file. */
  unique(prefix: string): string;
  close(): Promise<void>;
}

export async function startWorld(): Promise<World> {
  const aws = await startAwsFake();
  const momento = await startMomentoFake();
  const config = { ...aws.clientConfig(), maxAttempts: AWS_MAX_ATTEMPTS };
  const secretsManager = new SecretsManagerClient(config);
  const ssm = new SSMClient(config);
  const kms = new KMSClient(config);
  const { keyId } = aws.kms.createKey({ alias: 'reliability' });
  const dir = mkdtempSync(join(tmpdir(), 'tokenchain-reliability-'));
  let counter = 0;
  return {
    aws,
    momento,
    dir,
    secretsManager,
    ssm,
    kms,
    kmsKeyId: keyId,
    unique: (prefix) => {
      counter += 1;
      return `${prefix}${counter}`;
    },
    async close() {
      secretsManager.destroy();
      ssm.destroy();
      kms.destroy();
      await Promise.all([aws.close(), momento.close()]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The Laptop preset with a short deadline and no per-failure warnings (the suite provokes failures on purpose). */
export function momentoConfiguration() {
  return Configurations.Laptop.v1(
    new DefaultMomentoLoggerFactory(DefaultMomentoLoggerLevel.ERROR),
  ).withClientTimeoutMillis(MOMENTO_TIMEOUT_MS);
}
