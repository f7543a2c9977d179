import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';

// Docs that drift from code are worse than no docs. Two checks keep them honest:
// 1. every ```ts block in a package README, and in the root README, appears verbatim in a compiled example file;
// 2. every name a docs page imports from a @tokenchain package is really exported by that package.
const root = fileURLToPath(new URL('../../../', import.meta.url));
const normalize = (text: string) => text.replace(/\s+/g, ' ').trim();
const blocks = (markdown: string) => [...markdown.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : /\.m?ts$/.test(entry.name) ? [join(dir, entry.name)] : [],
  );
}

describe('docs stay in step with the code', () => {
  const packages = readdirSync(join(root, 'packages')).filter((name) =>
    existsSync(join(root, 'packages', name, 'README.md')),
  );

  it('finds the package READMEs to check', () => {
    expect(packages).to.include('core');
  });

  for (const name of packages) {
    it(`packages/${name}/README.md quotes only compiled example code`, () => {
      const readme = readFileSync(join(root, 'packages', name, 'README.md'), 'utf8');
      const examples = filesUnder(join(root, 'packages', name, 'src', 'examples'))
        .map((file) => normalize(readFileSync(file, 'utf8')))
        .join('\n');
      for (const block of blocks(readme)) {
        expect(examples, `this README block is not in packages/${name}/src/examples:\n${block}`).to.include(
          normalize(block),
        );
      }
    });
  }

  it('README.md quotes only compiled example code', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const examples = filesUnder(join(root, 'docs', 'examples'))
      .map((file) => normalize(readFileSync(file, 'utf8')))
      .join('\n');
    for (const block of blocks(readme)) expect(examples, block).to.include(normalize(block));
  });

  const pages = [
    ...readdirSync(join(root, 'docs'))
      .filter((f) => f.endsWith('.md'))
      .map((f) => join(root, 'docs', f)),
    ...packages.map((name) => join(root, 'packages', name, 'README.md')),
    join(root, 'README.md'),
  ];
  for (const page of pages) {
    it(`${page.slice(root.length)} imports only names its packages export`, async () => {
      const text = readFileSync(page, 'utf8');
      for (const match of text.matchAll(
        /import\s*\{([^}]*)\}\s*from\s*'(@tokenchain\/[a-z-]+(?:\/(?:testing|source-kit|config))?)'/g,
      )) {
        const names = (match[1] ?? '')
          .split(',')
          .map((n) => n.trim())
          .filter((n) => n.length > 0 && !n.startsWith('type '));
        const module = (await import(match[2] ?? '')) as Record<string, unknown>;
        for (const importedName of names) {
          const exported = importedName.split(/\s+as\s+/)[0] ?? importedName;
          expect(
            module,
            `${match[2]} has no export "${exported}" (used in ${page.slice(root.length)})`,
          ).to.have.property(exported);
        }
      }
    });
  }
});
