import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { npmInstall, plainEnv } from './npm.js';
import { REPO_ROOT, TOOLS } from './paths.js';
import { runOk } from './run.js';

const PACK_TIMEOUT_MS = 3 * 60_000;

/** A publishable package of the workspace, packed. */
export interface PackedPackage {
  readonly name: string;
  readonly version: string;
  readonly tarball: string;
}

interface Manifest {
  readonly name: string;
  readonly version: string;
  readonly private?: boolean;
  readonly dependencies?: Record<string, string>;
  readonly devDependencies?: Record<string, string>;
}

/** The workspace's publishable packages: every `packages/*` whose package.json is not private. */
export async function publishablePackages(): Promise<Manifest[]> {
  const dirs = await readdir(join(REPO_ROOT, 'packages'));
  const manifests = await Promise.all(dirs.map((dir) => readManifest(join(REPO_ROOT, 'packages', dir))));
  return manifests.filter((m): m is Manifest => m !== undefined && m.private !== true);
}

/**
 * Packs every publishable package into `destination` with pnpm, which turns `workspace:*` ranges into the versions a
 * registry would see. Fails when a package's tarball is missing.
 */
export async function packAll(destination: string): Promise<PackedPackage[]> {
  await mkdir(destination, { recursive: true });
  await runOk(pnpmBin(), ['--filter', './packages/*', 'pack', '--pack-destination', destination], {
    cwd: REPO_ROOT,
    env: plainEnv(),
    timeoutMs: PACK_TIMEOUT_MS,
  });
  const files = new Set(await readdir(destination));
  return (await publishablePackages()).map(({ name, version }) => {
    const file = `${name.replace(/^@/, '').replace('/', '-')}-${version}.tgz`;
    if (!files.has(file)) {
      throw new Error(`pnpm pack left no ${file} for ${name} in ${destination} (found: ${[...files].join(', ')})`);
    }
    return { name, version, tarball: join(destination, file) };
  });
}

/** The version the workspace pins for a dependency, read from the package that uses it, so the consumer cannot drift. */
export async function workspaceVersion(dependency: string, packageDir: string): Promise<string> {
  const manifest = await readManifest(join(REPO_ROOT, packageDir));
  const version = manifest?.devDependencies?.[dependency] ?? manifest?.dependencies?.[dependency];
  if (version === undefined || !/^\d/.test(version)) {
    throw new Error(`${packageDir}/package.json pins no exact version of ${dependency} (found ${version ?? 'none'})`);
  }
  return version;
}

/**
 * A fresh npm project in `dir` with every packed tarball and the SDKs a user adds (`npm install` of the tarballs and the
 * SDKs), as a user of the published packages would have it.
 */
export async function installConsumer(dir: string, packed: readonly PackedPackage[]): Promise<void> {
  await mkdir(dir, { recursive: true });
  const dependencies: Record<string, string> = {};
  for (const p of packed) dependencies[p.name] = `file:${p.tarball}`;
  dependencies['@aws-sdk/client-secrets-manager'] = await workspaceVersion(
    '@aws-sdk/client-secrets-manager',
    'packages/aws-secrets-manager',
  );
  dependencies['@gomomento/sdk'] = await workspaceVersion('@gomomento/sdk', 'packages/momento');
  const manifest = {
    name: 'tokenchain-field-consumer',
    version: '0.0.0',
    private: true,
    description: 'A user project: the packed tarballs and the SDKs, installed with plain npm.',
    dependencies,
    devDependencies: { '@types/node': await workspaceVersion('@types/node', '.') },
  };
  await writeFile(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  await npmInstall(dir);
}

/**
 * What Lambda's Node runtime has outside the function's folder: the AWS SDK v3 in a node_modules of its own, reached only
 * through NODE_PATH (`/var/runtime/node_modules` there). Returns that node_modules folder.
 */
export async function installRuntimeSdk(dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const version = await workspaceVersion('@aws-sdk/client-secrets-manager', 'packages/aws-secrets-manager');
  const manifest = {
    name: 'lambda-runtime-sdk',
    version: '0.0.0',
    private: true,
    dependencies: { '@aws-sdk/client-secrets-manager': version },
  };
  await writeFile(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  await npmInstall(dir);
  return join(dir, 'node_modules');
}

function pnpmBin(): string {
  // The pnpm that .ci/bootstrap.sh pins into .tools/, else whatever pnpm is on PATH.
  const pinned = join(TOOLS, 'node_modules', '.bin', 'pnpm');
  return existsSync(pinned) ? pinned : 'pnpm';
}

async function readManifest(dir: string): Promise<Manifest | undefined> {
  try {
    return JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as Manifest;
  } catch {
    return undefined;
  }
}
