/** Where one of tokenchain's own adapter schemes is exported from: text for a hint, never something core imports. */
export interface AdapterScheme {
  readonly scheme: string;
  readonly packageName: string;
  readonly exportName: string;
}

/**
 * The schemes tokenchain's adapter packages export. Core imports none of them (an import by computed name breaks in
 * bundles and under pnpm); the table only lets the error for an unregistered scheme say which export to pass.
 */
export const ADAPTER_SCHEMES: readonly AdapterScheme[] = Object.freeze([
  { scheme: 'disposable', packageName: '@tokenchain/momento', exportName: 'disposableScheme' },
  { scheme: 'env', packageName: '@tokenchain/env', exportName: 'envScheme' },
  { scheme: 'file', packageName: '@tokenchain/file', exportName: 'fileScheme' },
  { scheme: 'kms', packageName: '@tokenchain/aws-kms', exportName: 'kmsScheme' },
  { scheme: 'secretsmanager', packageName: '@tokenchain/aws-secrets-manager', exportName: 'secretsManagerScheme' },
  {
    scheme: 'secrets-extension',
    packageName: '@tokenchain/aws-secrets-manager',
    exportName: 'secretsExtensionScheme',
  },
  { scheme: 'ssm', packageName: '@tokenchain/aws-ssm', exportName: 'ssmScheme' },
]);
