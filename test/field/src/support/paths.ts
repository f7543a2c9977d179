import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The monorepo's root: the nearest folder above this file with a pnpm-workspace.yaml. */
export const REPO_ROOT = findUp(dirname(fileURLToPath(import.meta.url)), 'pnpm-workspace.yaml');

/** This package's folder (test/field). */
export const FIELD_ROOT = join(REPO_ROOT, 'test', 'field');

/** Plain JS and TS files the tests copy into the consumer project and into the function folders. */
export const FIXTURES = join(FIELD_ROOT, 'fixtures');

/** The ignored cache folder of the checkout: Node binaries and the npm cache survive across runs there. */
export const TOOLS = join(REPO_ROOT, '.tools');

/** npm's cache for every `npm install` of the field tests, so that reruns are served from disk. */
export const NPM_CACHE = join(TOOLS, 'npm-cache');

const EXAMPLES = join(REPO_ROOT, 'packages', 'momento', 'src', 'examples');

/**
 * The README's example, as compiled with @tokenchain/momento (`readme.example.ts`, or `.mts` once the package builds
 * CommonJS): read at run time, so the check cannot drift from it.
 */
export function readmeExample(): string {
  const candidates = ['readme.example.ts', 'readme.example.mts'].map((name) => join(EXAMPLES, name));
  const found = candidates.find((path) => existsSync(path));
  if (!found) throw new Error(`the README example is gone: none of ${candidates.join(', ')} exists`);
  return found;
}

/** The OS temp folder, checked to be outside the workspace: an install there must not see the workspace's node_modules. */
export function outsideTemp(): string {
  const dir = resolve(tmpdir());
  if (isInside(dir, REPO_ROOT)) {
    throw new Error(`the temp folder ${dir} is inside the workspace ${REPO_ROOT}: set TMPDIR to a folder outside it`);
  }
  return dir;
}

export function isInside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/** Every `node_modules` folder Node's resolution would look into from `dir`, that exists. */
export function nodeModulesAbove(dir: string): string[] {
  const found: string[] = [];
  for (let at = resolve(dir); ; at = dirname(at)) {
    if (existsSync(join(at, 'node_modules'))) found.push(join(at, 'node_modules'));
    if (dirname(at) === at) return found;
  }
}

function findUp(start: string, marker: string): string {
  for (let at = start; ; at = dirname(at)) {
    if (existsSync(join(at, marker))) return at;
    if (dirname(at) === at) throw new Error(`no ${marker} above ${start}`);
  }
}
