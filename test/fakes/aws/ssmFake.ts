import { AwsFakeError } from './AwsFakeError.js';
import {
  epochSeconds,
  type Input,
  optionalString,
  optionalStringList,
  type RequestContext,
  requireString,
} from './input.js';
import type { KmsService } from './kmsFake.js';
import type { SecretsManagerService } from './secretsManagerFake.js';

export type ParameterType = 'String' | 'StringList' | 'SecureString';

export interface PutParameterOptions {
  /** Default `String` for a new parameter, the existing type otherwise. */
  readonly type?: ParameterType;
  /** The KMS key of a SecureString. Default: the fake's `alias/aws/ssm` key. */
  readonly keyId?: string;
  /** Labels to move onto the new version. */
  readonly labels?: readonly string[];
  /** The region the parameter lives in. Default: the fake's region. */
  readonly region?: string;
}

type InRegion = { readonly region?: string };

/** Seeds and inspects the fake's parameters. Each parameter lives in one region, like the real service. */
export interface SsmFake {
  /** Creates the parameter or adds a version; returns the version number. */
  put(name: string, value: string, options?: PutParameterOptions): number;
  /** Moves labels onto a version. */
  label(name: string, version: number, labels: readonly string[], options?: InRegion): void;
  arn(name: string, options?: InRegion): string;
  delete(name: string, options?: InRegion): void;
}

export interface SsmService {
  readonly api: SsmFake;
  handle(operation: string, input: Input, context: RequestContext): unknown;
  getParameter(input: Input, context: RequestContext): Record<string, unknown>;
}

interface ParameterVersion {
  readonly version: number;
  readonly value: string;
  readonly type: ParameterType;
  readonly keyId?: string;
  readonly modified: Date;
  readonly labels: Set<string>;
}

interface Parameter {
  readonly name: string;
  readonly versions: ParameterVersion[];
}

const REFERENCE_PREFIX = '/aws/reference/secretsmanager/';

export function createSsmService(
  defaultRegion: string,
  accountId: string,
  secretsManager: SecretsManagerService,
  kms: KmsService,
): SsmService {
  const regions = new Map<string, Map<string, Parameter>>();
  const storeOf = (region: string): Map<string, Parameter> => {
    const store = regions.get(region) ?? new Map<string, Parameter>();
    regions.set(region, store);
    return store;
  };
  const arnOf = (name: string, region: string) =>
    `arn:aws:ssm:${region}:${accountId}:parameter${name.startsWith('/') ? '' : '/'}${name}`;

  const notFound = (name: string) => new AwsFakeError('ParameterNotFound', `Parameter ${name} not found.`);
  const versionNotFound = (name: string, selector: string) =>
    new AwsFakeError(
      'ParameterVersionNotFound',
      `Systems Manager could not find version ${selector} of ${name}. Verify the version and try again.`,
    );

  const put = (
    name: string,
    value: string,
    options: PutParameterOptions,
    overwrite: boolean,
    region: string,
  ): number => {
    const parameters = storeOf(region);
    if (name.startsWith('/aws/'))
      throw new AwsFakeError('AccessDeniedException', `No access to reserved parameter name: ${name}.`);
    const existing = parameters.get(name);
    if (existing && !overwrite) {
      throw new AwsFakeError(
        'ParameterAlreadyExists',
        'The parameter already exists. To overwrite this value, set the overwrite option in the request to true.',
      );
    }
    const parameter = existing ?? { name, versions: [] };
    parameters.set(name, parameter);
    const type = options.type ?? parameter.versions.at(-1)?.type ?? 'String';
    const keyId = type === 'SecureString' ? kms.api.arnOf(options.keyId ?? kms.ssmDefaultKeyId()) : undefined;
    const version: ParameterVersion = {
      version: parameter.versions.length + 1,
      value,
      type,
      ...(keyId !== undefined && { keyId }),
      modified: new Date(),
      labels: new Set(),
    };
    parameter.versions.push(version);
    if (options.labels) label(parameter, version.version, options.labels);
    return version.version;
  };

  const label = (parameter: Parameter, version: number, labels: readonly string[]): void => {
    const target = parameter.versions[version - 1];
    if (!target) throw versionNotFound(parameter.name, String(version));
    for (const l of labels) {
      for (const v of parameter.versions) v.labels.delete(l);
      target.labels.add(l);
    }
  };

  /** Splits `name`, `name:3`, `name:label` and the ARN forms of each into the plain name and the selector. */
  const parseName = (requested: string, region: string): { name: string; selector?: string } => {
    const parameters = storeOf(region);
    let rest = requested;
    let fromArn = false;
    if (rest.startsWith('arn:')) {
      const parts = rest.split(':');
      if (parts[3] !== region || !parts[5]?.startsWith('parameter/')) throw notFound(requested);
      rest = [parts[5].slice('parameter'.length), ...parts.slice(6)].join(':');
      fromArn = true;
    }
    const colon = rest.lastIndexOf(':');
    let name = colon < 0 ? rest : rest.slice(0, colon);
    const selector = colon < 0 ? undefined : rest.slice(colon + 1);
    // The ARN of `foo` is `...:parameter/foo` and the ARN of `/foo` is the same, so try both.
    if (fromArn && !parameters.has(name) && parameters.has(name.slice(1))) name = name.slice(1);
    return selector === undefined ? { name } : { name, selector };
  };

  const fromSecretsManager = (requested: string, withDecryption: boolean, context: RequestContext) => {
    if (!withDecryption) {
      throw new AwsFakeError(
        'ValidationException',
        'WithDecryption flag must be True for retrieving a Secret Manager secret.',
      );
    }
    const secretId = requested.slice(REFERENCE_PREFIX.length);
    try {
      const secret = secretsManager.getSecretValue({ SecretId: secretId }, context);
      const description = secretsManager.describeSecret({ SecretId: secretId }, context);
      // A binary secret comes back base64-encoded in Value.
      const value = typeof secret.SecretString === 'string' ? secret.SecretString : String(secret.SecretBinary);
      return {
        Parameter: {
          Name: requested,
          Type: 'SecureString',
          Value: value,
          Version: 0,
          SourceResult: JSON.stringify(description),
          LastModifiedDate: secret.CreatedDate,
          ARN: String(secret.ARN),
          DataType: 'text',
        },
      };
    } catch (err) {
      if (err instanceof AwsFakeError && err.type === 'ResourceNotFoundException') throw notFound(requested);
      throw err;
    }
  };

  const getParameter = (input: Input, context: RequestContext): Record<string, unknown> => {
    const requested = requireString(input, 'Name');
    const withDecryption = input.WithDecryption === true;
    if (requested.startsWith(REFERENCE_PREFIX)) return fromSecretsManager(requested, withDecryption, context);
    const { name, selector } = parseName(requested, context.region);
    const parameter = storeOf(context.region).get(name);
    if (!parameter) throw notFound(requested);
    let version: ParameterVersion | undefined;
    if (selector === undefined) version = parameter.versions.at(-1);
    else if (/^\d+$/.test(selector)) version = parameter.versions[Number(selector) - 1];
    else version = parameter.versions.find((v) => v.labels.has(selector));
    if (!version) throw versionNotFound(name, selector ?? 'latest');
    const arn = arnOf(name, context.region);
    let value = version.value;
    if (version.type === 'SecureString' && !withDecryption) {
      // Real SSM hands back the KMS ciphertext, encrypted with the parameter's ARN as encryption context.
      value = kms.api.encrypt(version.keyId!, version.value, { PARAMETER_ARN: arn });
    }
    return {
      Parameter: {
        Name: name,
        Type: version.type,
        Value: value,
        Version: version.version,
        ...(selector !== undefined && { Selector: `:${selector}` }),
        LastModifiedDate: epochSeconds(version.modified),
        ARN: arn,
        DataType: 'text',
      },
    };
  };

  const mustFind = (name: string, region: string): Parameter => {
    const parameter = storeOf(region).get(name);
    if (!parameter) throw notFound(name);
    return parameter;
  };

  const api: SsmFake = {
    put: (name, value, options = {}) => put(name, value, options, true, options.region ?? defaultRegion),
    label(name, version, labels, options = {}) {
      label(mustFind(name, options.region ?? defaultRegion), version, labels);
    },
    arn: (name, options = {}) => arnOf(name, options.region ?? defaultRegion),
    delete(name, options = {}) {
      storeOf(options.region ?? defaultRegion).delete(name);
    },
  };

  return {
    api,
    getParameter,
    handle(operation, input, context) {
      switch (operation) {
        case 'GetParameter':
          return getParameter(input, context);
        case 'PutParameter': {
          const type = optionalString(input, 'Type') as ParameterType | undefined;
          const keyId = optionalString(input, 'KeyId');
          const version = put(
            requireString(input, 'Name'),
            requireString(input, 'Value'),
            { ...(type !== undefined && { type }), ...(keyId !== undefined && { keyId }) },
            input.Overwrite === true,
            context.region,
          );
          return { Version: version, Tier: 'Standard' };
        }
        case 'LabelParameterVersion': {
          const parameter = mustFind(requireString(input, 'Name'), context.region);
          const requestedVersion = input.ParameterVersion;
          const version = typeof requestedVersion === 'number' ? requestedVersion : parameter.versions.length;
          label(parameter, version, optionalStringList(input, 'Labels') ?? []);
          return { InvalidLabels: [], ParameterVersion: version };
        }
        case 'DeleteParameter':
          mustFind(requireString(input, 'Name'), context.region);
          storeOf(context.region).delete(requireString(input, 'Name'));
          return {};
        default:
          throw new AwsFakeError('UnknownOperationException', `ssm.${operation} is not implemented by the fake`);
      }
    },
  };
}
