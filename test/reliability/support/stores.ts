import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { kmsDecrypt } from '@tokenchain/aws-kms';
import { fromSecretsManager } from '@tokenchain/aws-secrets-manager';
import { fromSsmParameter } from '@tokenchain/aws-ssm';
import { jsonField as jsonFieldOf, type TokenObserver, type TokenSource } from '@tokenchain/core';
import { fromEnv } from '@tokenchain/env';
import { fromFile } from '@tokenchain/file';
import { AWS_TIMEOUT_MS, KMS_CONTEXT, type World } from './world.js';

export const ADAPTERS = ['env', 'file', 'secretsmanager', 'ssm', 'kms'] as const;
export type AdapterTarget = (typeof ADAPTERS)[number];

/** Where one adapter reads its key, and the adapter itself. */
export interface Store {
  readonly target: AdapterTarget;
  /** The AWS operation the adapter calls, for injecting faults; undefined for local stores. */
  readonly operation?: string;
  /** For a file store, the file. */
  readonly path?: string;
  /** Makes `value` the key the adapter reads (for KMS: encrypted with `context`, default the suite's). */
  put(value: string, context?: Readonly<Record<string, string>>): void;
  /** A fresh adapter reading the store; `jsonField` reads the key from that field of a JSON value. */
  source(options?: SourceOptions): TokenSource;
}

export interface SourceOptions {
  readonly observer?: TokenObserver;
  /** Read the key from this field of a JSON value. */
  readonly jsonField?: string;
  /** The AWS adapters' deadline per call. Default {@link AWS_TIMEOUT_MS}. */
  readonly timeoutMs?: number;
}

/** A new, empty store for `target`: nothing is there until `put`. */
export function createStore(target: AdapterTarget, world: World): Store {
  const env: Record<string, string | undefined> = {};
  switch (target) {
    case 'env': {
      const name = world.unique('MOMENTO_API_KEY_');
      return {
        target,
        put: (value) => {
          env[name] = value;
        },
        source: (options = {}) => withJsonField(fromEnv({ variable: name, env }), options.jsonField),
      };
    }
    case 'file': {
      const path = join(world.dir, world.unique('key-'));
      return {
        target,
        path,
        put: (value) => writeFileSync(path, value, { mode: 0o600 }),
        source: (options = {}) =>
          withJsonField(fromFile({ path, ...(options.observer && { observer: options.observer }) }), options.jsonField),
      };
    }
    case 'secretsmanager': {
      const secretId = world.unique('momento/key-');
      return {
        target,
        operation: 'secretsmanager.GetSecretValue',
        put: (value) => void world.aws.secretsManager.put(secretId, value),
        source: (options = {}) =>
          fromSecretsManager({
            secretId,
            client: world.secretsManager,
            timeoutMs: options.timeoutMs ?? AWS_TIMEOUT_MS,
            ...(options.jsonField !== undefined && { jsonField: options.jsonField }),
            ...(options.observer && { observer: options.observer }),
          }),
      };
    }
    case 'ssm': {
      const name = `/momento/${world.unique('key-')}`;
      return {
        target,
        operation: 'ssm.GetParameter',
        put: (value) => void world.aws.ssm.put(name, value, { type: 'SecureString' }),
        source: (options = {}) =>
          fromSsmParameter({
            parameterName: name,
            client: world.ssm,
            timeoutMs: options.timeoutMs ?? AWS_TIMEOUT_MS,
            ...(options.jsonField !== undefined && { jsonField: options.jsonField }),
            ...(options.observer && { observer: options.observer }),
          }),
      };
    }
    case 'kms': {
      const name = world.unique('MOMENTO_API_KEY_ENCRYPTED_');
      return {
        target,
        operation: 'kms.Decrypt',
        put: (value, context = KMS_CONTEXT) => {
          env[name] = world.aws.kms.encrypt(world.kmsKeyId, value, context);
        },
        source: (options = {}) =>
          withJsonField(
            kmsDecrypt(fromEnv({ variable: name, env }), {
              client: world.kms,
              encryptionContext: KMS_CONTEXT,
              timeoutMs: options.timeoutMs ?? AWS_TIMEOUT_MS,
              ...(options.observer && { observer: options.observer }),
            }),
            options.jsonField,
          ),
      };
    }
  }
}

/** The env, file and KMS adapters read whole values; core's `jsonField` picks a field, as a user would add it. */
function withJsonField(source: TokenSource, field: string | undefined): TokenSource {
  return field === undefined ? source : jsonFieldOf(source, field);
}
