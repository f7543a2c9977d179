import { kmsScheme } from '@tokenchain/aws-kms';
import { secretsExtensionScheme, secretsManagerScheme } from '@tokenchain/aws-secrets-manager';
import { ssmScheme } from '@tokenchain/aws-ssm';
import { createSchemeRegistry, type SchemeDefinition, type SchemeRegistry } from '@tokenchain/core/config';
import { envScheme } from '@tokenchain/env';
import { fileScheme } from '@tokenchain/file';
import { disposableScheme } from '@tokenchain/momento';

/**
 * Every adapter scheme tokenchain ships. The CLI depends on every adapter package and imports them by name, statically, so
 * a bundler sees them and nothing is looked up at run time.
 */
export const BUNDLED_SCHEMES: readonly SchemeDefinition[] = Object.freeze([
  disposableScheme,
  envScheme,
  fileScheme,
  kmsScheme,
  secretsManagerScheme,
  secretsExtensionScheme,
  ssmScheme,
]);

/** How the CLI's errors tell the reader to register a scheme of their own. */
export const REGISTER_WITH = 'a module given to --import';

/**
 * The registry `--sources` is read with: the bundled schemes and the `--import`ed ones. An imported scheme of the same name
 * as a bundled one replaces it, so a team can try a patched adapter without rebuilding the CLI.
 *
 * @example
 * ```ts
 * const registry = cliRegistry(await loadImports(['./vault-scheme.js'], process.cwd()));
 * ```
 */
export function cliRegistry(imported: readonly SchemeDefinition[] = []): SchemeRegistry {
  const replaced = new Set(imported.map((s) => s.scheme));
  return createSchemeRegistry({
    schemes: [...BUNDLED_SCHEMES.filter((s) => !replaced.has(s.scheme)), ...imported],
    registerWith: REGISTER_WITH,
  });
}
