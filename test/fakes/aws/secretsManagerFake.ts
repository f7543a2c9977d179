import { randomBytes, randomUUID } from 'node:crypto';
import { AwsFakeError } from './AwsFakeError.js';
import {
  epochSeconds,
  type Input,
  optionalBlob,
  optionalString,
  optionalStringList,
  type RequestContext,
  requireString,
} from './input.js';

const CURRENT = 'AWSCURRENT';
const PREVIOUS = 'AWSPREVIOUS';

export interface PutSecretOptions {
  /** Stages for the new version. Default `['AWSCURRENT']`; moving AWSCURRENT makes its old holder AWSPREVIOUS. */
  readonly stages?: readonly string[];
  readonly versionId?: string;
  /** The region the secret lives in. Default: the fake's region. */
  readonly region?: string;
}

/** Seeds, rotates and inspects the fake's secrets. Each secret lives in one region, like the real service. */
export interface SecretsManagerFake {
  /** Creates the secret if needed and adds a version holding `value` (a string, or bytes for SecretBinary). */
  put(name: string, value: string | Uint8Array, options?: PutSecretOptions): { arn: string; versionId: string };
  /** Adds a version as AWSCURRENT; the old current version becomes AWSPREVIOUS. Returns the new VersionId. */
  rotate(name: string, value: string | Uint8Array, options?: { readonly region?: string }): string;
  /** Moves a staging label onto a version (AWSCURRENT's old holder becomes AWSPREVIOUS). */
  stage(name: string, stage: string, versionId: string, options?: { readonly region?: string }): void;
  arn(name: string, options?: { readonly region?: string }): string;
  /** VersionId -> staging labels, as DescribeSecret's VersionIdsToStages. */
  versions(name: string, options?: { readonly region?: string }): Record<string, string[]>;
  /** Schedules the secret for deletion: reads then fail with InvalidRequestException. */
  markDeleted(name: string, options?: { readonly region?: string }): void;
  restore(name: string, options?: { readonly region?: string }): void;
}

export interface SecretsManagerService {
  readonly api: SecretsManagerFake;
  /** GetSecretValue as a function, for the Lambda extension fake and SSM's `/aws/reference/secretsmanager/` names. */
  getSecretValue(input: Input, context: RequestContext): Record<string, unknown>;
  describeSecret(input: Input, context: RequestContext): Record<string, unknown>;
  handle(operation: string, input: Input, context: RequestContext): unknown;
}

interface Version {
  readonly id: string;
  readonly string?: string;
  readonly binary?: Buffer;
  readonly created: Date;
}

interface Secret {
  readonly name: string;
  readonly arn: string;
  readonly region: string;
  readonly created: Date;
  readonly versions: Map<string, Version>;
  /** Staging label -> VersionId. */
  readonly stages: Map<string, string>;
  description: string;
  lastChanged: Date;
  deletedAt?: Date | undefined;
}

export function createSecretsManagerService(defaultRegion: string, accountId: string): SecretsManagerService {
  const secrets = new Map<string, Secret>();
  const keyOf = (region: string, name: string) => `${region}\u0000${name}`;

  const create = (name: string, region: string, description = ''): Secret => {
    const suffix = randomBytes(4).toString('base64url').slice(0, 6);
    const now = new Date();
    const secret: Secret = {
      name,
      arn: `arn:aws:secretsmanager:${region}:${accountId}:secret:${name}-${suffix}`,
      region,
      created: now,
      versions: new Map(),
      stages: new Map(),
      description,
      lastChanged: now,
    };
    secrets.set(keyOf(region, name), secret);
    return secret;
  };

  const find = (secretId: string, region: string): Secret | undefined => {
    if (!secretId.startsWith('arn:')) return secrets.get(keyOf(region, secretId));
    // An ARN from another region is not found in this one, which is why a client must be built in the ARN's region.
    const arnRegion = secretId.split(':')[3];
    if (arnRegion !== region) return undefined;
    for (const secret of secrets.values()) {
      if (secret.region !== region) continue;
      // A partial ARN (without the random suffix) names the secret too.
      if (secret.arn === secretId || secret.arn.slice(0, -'-xxxxxx'.length) === secretId) return secret;
    }
    return undefined;
  };

  const mustFind = (secretId: string, region: string): Secret => {
    const secret = find(secretId, region);
    if (!secret)
      throw new AwsFakeError('ResourceNotFoundException', "Secrets Manager can't find the specified secret.");
    return secret;
  };

  const notDeleted = (secret: Secret): Secret => {
    if (secret.deletedAt) {
      throw new AwsFakeError(
        'InvalidRequestException',
        "You can't perform this operation on the secret because it was marked for deletion.",
      );
    }
    return secret;
  };

  const stagesOf = (secret: Secret, versionId: string): string[] =>
    [...secret.stages].filter(([, id]) => id === versionId).map(([stage]) => stage);

  const moveStage = (secret: Secret, stage: string, versionId: string): void => {
    const holder = secret.stages.get(stage);
    if (holder === versionId) return;
    if (stage === CURRENT && holder !== undefined) secret.stages.set(PREVIOUS, holder);
    secret.stages.set(stage, versionId);
    secret.lastChanged = new Date();
  };

  const addVersion = (
    secret: Secret,
    value: { string?: string | undefined; binary?: Buffer | undefined },
    stages: readonly string[] | undefined,
    versionId: string = randomUUID(),
  ): Version => {
    if (secret.versions.has(versionId)) {
      throw new AwsFakeError('ResourceExistsException', `A version with VersionId ${versionId} already exists.`);
    }
    const version: Version = {
      id: versionId,
      ...(value.string !== undefined && { string: value.string }),
      ...(value.binary !== undefined && { binary: value.binary }),
      created: new Date(),
    };
    secret.versions.set(versionId, version);
    // The first version of a secret is always AWSCURRENT.
    const labels = secret.stages.has(CURRENT) ? (stages ?? [CURRENT]) : [...new Set([CURRENT, ...(stages ?? [])])];
    for (const stage of labels) moveStage(secret, stage, versionId);
    return version;
  };

  const valueFrom = (input: Input) => {
    const string = optionalString(input, 'SecretString');
    const binary = optionalBlob(input, 'SecretBinary');
    if (string !== undefined && binary !== undefined) {
      throw new AwsFakeError('InvalidParameterException', 'You can only specify one of SecretString or SecretBinary.');
    }
    return { string, binary };
  };

  const getSecretValue = (input: Input, context: RequestContext): Record<string, unknown> => {
    const secret = notDeleted(mustFind(requireString(input, 'SecretId'), context.region));
    const requestedId = optionalString(input, 'VersionId');
    const requestedStage = optionalString(input, 'VersionStage');
    let versionId: string | undefined;
    if (requestedId !== undefined) {
      versionId = secret.versions.has(requestedId) ? requestedId : undefined;
      if (
        versionId === undefined ||
        (requestedStage !== undefined && secret.stages.get(requestedStage) !== versionId)
      ) {
        throw new AwsFakeError(
          'ResourceNotFoundException',
          `Secrets Manager can't find the specified secret value for VersionId: ${requestedId}`,
        );
      }
    } else {
      const stage = requestedStage ?? CURRENT;
      versionId = secret.stages.get(stage);
      if (versionId === undefined) {
        throw new AwsFakeError(
          'ResourceNotFoundException',
          `Secrets Manager can't find the specified secret value for staging label: ${stage}`,
        );
      }
    }
    const version = secret.versions.get(versionId)!;
    return {
      ARN: secret.arn,
      Name: secret.name,
      VersionId: version.id,
      ...(version.string !== undefined && { SecretString: version.string }),
      ...(version.binary !== undefined && { SecretBinary: version.binary.toString('base64') }),
      VersionStages: stagesOf(secret, version.id),
      CreatedDate: epochSeconds(version.created),
    };
  };

  const describeSecret = (input: Input, context: RequestContext): Record<string, unknown> => {
    const secret = mustFind(requireString(input, 'SecretId'), context.region);
    return {
      ARN: secret.arn,
      Name: secret.name,
      Description: secret.description,
      CreatedDate: epochSeconds(secret.created),
      LastChangedDate: epochSeconds(secret.lastChanged),
      ...(secret.deletedAt && { DeletedDate: epochSeconds(secret.deletedAt) }),
      VersionIdsToStages: versionsToStages(secret),
    };
  };

  const versionsToStages = (secret: Secret): Record<string, string[]> =>
    Object.fromEntries([...secret.versions.keys()].map((id) => [id, stagesOf(secret, id)]));

  const seedValue = (value: string | Uint8Array) =>
    typeof value === 'string' ? { string: value } : { binary: Buffer.from(value) };
  const regionOf = (options?: { readonly region?: string }) => options?.region ?? defaultRegion;
  const seeded = (name: string, options?: { readonly region?: string }): Secret => mustFind(name, regionOf(options));

  const api: SecretsManagerFake = {
    put(name, value, options = {}) {
      const region = regionOf(options);
      const secret = find(name, region) ?? create(name, region);
      const version = addVersion(secret, seedValue(value), options.stages, options.versionId);
      return { arn: secret.arn, versionId: version.id };
    },
    rotate(name, value, options) {
      return addVersion(seeded(name, options), seedValue(value), [CURRENT]).id;
    },
    stage(name, stage, versionId, options) {
      const secret = seeded(name, options);
      if (!secret.versions.has(versionId)) throw new Error(`no version ${versionId} in secret ${name}`);
      moveStage(secret, stage, versionId);
    },
    arn: (name, options) => seeded(name, options).arn,
    versions: (name, options) => versionsToStages(seeded(name, options)),
    markDeleted(name, options) {
      seeded(name, options).deletedAt = new Date();
    },
    restore(name, options) {
      seeded(name, options).deletedAt = undefined;
    },
  };

  return {
    api,
    getSecretValue,
    describeSecret,
    handle(operation, input, context) {
      switch (operation) {
        case 'GetSecretValue':
          return getSecretValue(input, context);
        case 'DescribeSecret':
          return describeSecret(input, context);
        case 'CreateSecret': {
          const name = requireString(input, 'Name');
          if (find(name, context.region)) {
            throw new AwsFakeError(
              'ResourceExistsException',
              `The operation failed because the secret ${name} already exists.`,
            );
          }
          const secret = create(name, context.region, optionalString(input, 'Description'));
          const value = valueFrom(input);
          if (value.string === undefined && value.binary === undefined) return { ARN: secret.arn, Name: secret.name };
          const version = addVersion(secret, value, undefined, optionalString(input, 'ClientRequestToken'));
          return { ARN: secret.arn, Name: secret.name, VersionId: version.id };
        }
        case 'PutSecretValue': {
          const secret = notDeleted(mustFind(requireString(input, 'SecretId'), context.region));
          const value = valueFrom(input);
          const version = addVersion(
            secret,
            value,
            optionalStringList(input, 'VersionStages'),
            optionalString(input, 'ClientRequestToken'),
          );
          return {
            ARN: secret.arn,
            Name: secret.name,
            VersionId: version.id,
            VersionStages: stagesOf(secret, version.id),
          };
        }
        case 'UpdateSecretVersionStage': {
          const secret = notDeleted(mustFind(requireString(input, 'SecretId'), context.region));
          const stage = requireString(input, 'VersionStage');
          const moveTo = optionalString(input, 'MoveToVersionId');
          const removeFrom = optionalString(input, 'RemoveFromVersionId');
          const holder = secret.stages.get(stage);
          if (removeFrom !== undefined && holder !== removeFrom) {
            throw new AwsFakeError(
              'InvalidParameterException',
              `The staging label ${stage} is not attached to version ${removeFrom}.`,
            );
          }
          if (moveTo === undefined) {
            if (stage === CURRENT)
              throw new AwsFakeError('InvalidParameterException', 'AWSCURRENT cannot be removed, only moved.');
            secret.stages.delete(stage);
          } else {
            if (!secret.versions.has(moveTo)) {
              throw new AwsFakeError(
                'ResourceNotFoundException',
                `Secrets Manager can't find the specified secret value for VersionId: ${moveTo}`,
              );
            }
            if (holder !== undefined && holder !== moveTo && removeFrom === undefined) {
              throw new AwsFakeError(
                'InvalidParameterException',
                `The staging label ${stage} is currently attached to version ${holder}, so you must explicitly reference that version in RemoveFromVersionId.`,
              );
            }
            moveStage(secret, stage, moveTo);
          }
          return { ARN: secret.arn, Name: secret.name };
        }
        case 'DeleteSecret': {
          const secret = mustFind(requireString(input, 'SecretId'), context.region);
          if (input.ForceDeleteWithoutRecovery === true) secrets.delete(keyOf(secret.region, secret.name));
          else secret.deletedAt = new Date();
          return { ARN: secret.arn, Name: secret.name, DeletionDate: epochSeconds(new Date()) };
        }
        case 'RestoreSecret': {
          const secret = mustFind(requireString(input, 'SecretId'), context.region);
          secret.deletedAt = undefined;
          return { ARN: secret.arn, Name: secret.name };
        }
        default:
          throw new AwsFakeError(
            'UnknownOperationException',
            `secretsmanager.${operation} is not implemented by the fake`,
          );
      }
    },
  };
}
