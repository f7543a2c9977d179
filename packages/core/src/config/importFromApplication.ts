import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Loads a package by name; what `loadSources` uses to reach adapter packages. */
export type SchemeImporter = (packageName: string) => Promise<unknown>;

/**
 * Imports packages as the application sees them. Core cannot `import('@tokenchain/env')` itself: under pnpm's strict
 * `node_modules` only the application may see its dependencies. So a package is looked up from the working directory, then
 * from the directory of the script Node was started with, then from core (enough under a flat npm layout).
 * A package found nowhere rejects with an error whose `code` is `MODULE_NOT_FOUND`.
 *
 * Where neither directory is the application's, pass your own importer: `{ importer: (name) => import(name) }`.
 *
 * @example
 * ```ts
 * const source = fromConfig(process.env.MOMENTO_TOKEN_SOURCES!, { importer: importFromApplication('/srv/app') });
 * ```
 */
export function importFromApplication(...directories: string[]): SchemeImporter {
  const roots = directories.length > 0 ? directories : defaultRoots();
  return async (packageName) => {
    for (const root of roots) {
      let resolved: string;
      try {
        resolved = createRequire(join(root, 'package.json')).resolve(packageName);
      } catch (err) {
        if (isModuleNotFound(err, packageName)) continue;
        throw err;
      }
      return import(pathToFileURL(resolved).href);
    }
    return import(packageName);
  };
}

function defaultRoots(): string[] {
  const script = process.argv[1];
  return script === undefined ? [process.cwd()] : [process.cwd(), dirname(script)];
}

/** True when `err` says that `packageName` itself (not something it imports) could not be found. */
export function isModuleNotFound(err: unknown, packageName: string): boolean {
  const code = (err as { code?: unknown } | undefined)?.code;
  return (
    (code === 'MODULE_NOT_FOUND' || code === 'ERR_MODULE_NOT_FOUND') &&
    err instanceof Error &&
    err.message.includes(packageName)
  );
}
