import { createRequire } from 'node:module';
import { isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TokenSourceError } from '@tokenchain/core';
import { isSchemeDefinition, type SchemeDefinition } from '@tokenchain/core/config';

/**
 * Imports the `--import` modules and collects the scheme definitions they export (as named exports, the default export, or
 * arrays of them). A path starts at the working directory; a bare name is a package installed there. A module that cannot
 * be loaded, or exports no scheme, is a configuration error naming it.
 *
 * @example
 * ```ts
 * const schemes = await loadImports(['./vault-scheme.js'], process.cwd());
 * ```
 */
export async function loadImports(specifiers: readonly string[], cwd: string): Promise<SchemeDefinition[]> {
  const schemes: SchemeDefinition[] = [];
  for (const specifier of specifiers) {
    let module: Record<string, unknown>;
    try {
      module = (await import(toUrl(specifier, cwd))) as Record<string, unknown>;
    } catch (err) {
      throw new TokenSourceError(
        `could not import ${specifier} (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`,
        { source: '--import', code: 'INVALID_CONFIGURATION', cause: err },
      );
    }
    const found = Object.values(module)
      .flatMap((value) => (Array.isArray(value) ? value : [value]))
      .filter(isSchemeDefinition);
    if (found.length === 0) {
      throw new TokenSourceError(`${specifier} exports no scheme made by defineScheme`, {
        source: '--import',
        code: 'INVALID_CONFIGURATION',
      });
    }
    schemes.push(...new Set(found));
  }
  return schemes;
}

function toUrl(specifier: string, cwd: string): string {
  if (specifier.startsWith('.') || isAbsolute(specifier)) return pathToFileURL(resolve(cwd, specifier)).href;
  return pathToFileURL(createRequire(join(cwd, 'package.json')).resolve(specifier)).href;
}
