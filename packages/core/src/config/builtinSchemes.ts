/** A scheme whose definition lives in an adapter package and is imported the first time an entry uses it. */
export interface BuiltinScheme {
  readonly scheme: string;
  /** The package to install for it. */
  readonly packageName: string;
  /** The export of that package holding the definition. */
  readonly exportName: string;
  readonly summary: string;
}

/**
 * The adapters tokenchain ships. Core depends on none of them: each is imported, from the application, only when a
 * configuration names its scheme, so an application installs just the adapters it uses.
 */
export const BUILTIN_SCHEMES: readonly BuiltinScheme[] = Object.freeze([
  {
    scheme: 'env',
    packageName: '@tokenchain/env',
    exportName: 'envScheme',
    summary: 'a key from an environment variable',
  },
  {
    scheme: 'file',
    packageName: '@tokenchain/file',
    exportName: 'fileScheme',
    summary: 'a key from a file (Kubernetes and Docker secrets)',
  },
  {
    scheme: 'kms',
    packageName: '@tokenchain/aws-kms',
    exportName: 'kmsScheme',
    summary: 'decrypts a KMS-encrypted key read by the source it wraps',
  },
  {
    scheme: 'secretsmanager',
    packageName: '@tokenchain/aws-secrets-manager',
    exportName: 'secretsManagerScheme',
    summary: 'a key from AWS Secrets Manager',
  },
  {
    scheme: 'secrets-extension',
    packageName: '@tokenchain/aws-secrets-manager',
    exportName: 'secretsExtensionScheme',
    summary: 'a key from Secrets Manager through the AWS Parameters and Secrets Lambda Extension',
  },
  {
    scheme: 'ssm',
    packageName: '@tokenchain/aws-ssm',
    exportName: 'ssmScheme',
    summary: 'a key from AWS SSM Parameter Store',
  },
]);
