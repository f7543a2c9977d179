// Where the docs checks (docsSync.test.ts, japaneseTwins.test.ts) find the repository's pages and compiled examples.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, from docs/dist/examples/ where the compiled checks run. */
export const root = fileURLToPath(new URL('../../../', import.meta.url));

/** Every file under `dir` whose name matches, skipping build output, dependencies and the generated API pages. */
export function filesUnder(dir: string, pattern = /\.m?ts$/): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? ['node_modules', 'dist', 'site', 'api', '.vitepress'].includes(entry.name)
        ? []
        : filesUnder(join(dir, entry.name), pattern)
      : pattern.test(entry.name)
        ? [join(dir, entry.name)]
        : [],
  );
}

/** The compiled example files: docs/examples/** and each package's src/examples/**. */
export function exampleFiles(): string[] {
  return [
    ...filesUnder(join(root, 'docs', 'examples')),
    ...readdirSync(join(root, 'packages')).flatMap((name) =>
      filesUnder(join(root, 'packages', name, 'src', 'examples')),
    ),
  ];
}
