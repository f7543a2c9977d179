import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect } from 'chai';
import { TokenSourceError } from '../TokenSourceError.js';
import { createSchemeRegistry } from './createSchemeRegistry.js';
import { defineScheme } from './defineScheme.js';
import { testSchemes } from './fixtures.test.js';
import { importFromApplication, isModuleNotFound } from './importFromApplication.js';

const notFound = (name: string) =>
  Object.assign(new Error(`Cannot find package '${name}' imported from /app/main.js`), {
    code: 'ERR_MODULE_NOT_FOUND',
  });

function envModule() {
  return { envScheme: defineScheme({ ...testSchemes().memScheme, scheme: 'env' }) };
}

describe('createSchemeRegistry', () => {
  describe('when listing', () => {
    it('returns core decorators and the adapter schemes with their packages, sorted', () => {
      const listing = createSchemeRegistry({ importer: async () => ({}) }).list();
      expect(listing.map((l) => l.scheme)).to.deep.equal([
        'base64',
        'env',
        'file',
        'json',
        'kms',
        'secrets-extension',
        'secretsmanager',
        'ssm',
      ]);
      expect(listing.find((l) => l.scheme === 'ssm')?.packageName).to.equal('@tokenchain/aws-ssm');
      expect(listing.find((l) => l.scheme === 'json')?.packageName).to.equal(undefined);
    });

    it('returns only your schemes without builtins', () => {
      const { memScheme } = testSchemes();
      expect(
        createSchemeRegistry({ builtins: false, schemes: [memScheme] })
          .list()
          .map((l) => l.scheme),
      ).to.deep.equal(['mem']);
    });
  });

  describe('having a registered scheme', () => {
    it('resolves it without importing anything', async () => {
      const { memScheme } = testSchemes();
      let imports = 0;
      const registry = createSchemeRegistry({
        schemes: [memScheme],
        importer: async () => {
          imports += 1;
          return {};
        },
      });
      expect(await registry.resolve('mem')).to.equal(memScheme);
      expect(imports).to.equal(0);
    });

    it('lets it replace a built-in scheme of the same name', async () => {
      const mine = defineScheme({ ...testSchemes().memScheme, scheme: 'env' });
      const registry = createSchemeRegistry({ schemes: [mine], importer: async () => Promise.reject(notFound('x')) });
      expect(await registry.resolve('env')).to.equal(mine);
    });

    it('refuses the same name twice', () => {
      const { memScheme } = testSchemes();
      expect(() => createSchemeRegistry().register(memScheme, memScheme)).to.throw(/"mem" is registered twice/);
    });

    it('refuses a definition not made by defineScheme', () => {
      const { memScheme } = testSchemes();
      expect(() => createSchemeRegistry().register({ ...memScheme })).to.throw(/"mem" was not made by defineScheme/);
    });
  });

  describe('having a built-in scheme', () => {
    it('imports its package once, on first use, by name', async () => {
      const asked: string[] = [];
      const module = envModule();
      const registry = createSchemeRegistry({
        importer: async (name) => {
          asked.push(name);
          return module;
        },
      });
      const [a, b] = await Promise.all([registry.resolve('env'), registry.resolve('env')]);
      expect(a).to.equal(module.envScheme);
      expect(b).to.equal(module.envScheme);
      expect(asked).to.deep.equal(['@tokenchain/env']);
    });

    it('rejects, naming the package to install, when it is not installed', async () => {
      const registry = createSchemeRegistry({ importer: async (name) => Promise.reject(notFound(name)) });
      const err = await registry.resolve('ssm').then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(TokenSourceError.is(err) && err.code).to.equal('INVALID_CONFIGURATION');
      expect((err as Error).message).to.include(
        'the "ssm" scheme needs the package @tokenchain/aws-ssm, which is not installed (npm install @tokenchain/aws-ssm)',
      );
    });

    it('does not remember a failed import, so installing the package needs no restart', async () => {
      let installed = false;
      const module = envModule();
      const registry = createSchemeRegistry({
        importer: async (name) => (installed ? module : Promise.reject(notFound(name))),
      });
      await expect(registry.resolve('env')).to.be.rejectedWith(/not installed/);
      installed = true;
      expect(await registry.resolve('env')).to.equal(module.envScheme);
    });

    it('rejects when the package does not export the scheme', async () => {
      const registry = createSchemeRegistry({ importer: async () => ({ fromEnv() {} }) });
      await expect(registry.resolve('env')).to.be.rejectedWith(
        /@tokenchain\/env does not export the "env" scheme as envScheme/,
      );
    });

    it('rejects when the package fails to load, saying why', async () => {
      const registry = createSchemeRegistry({
        importer: async () => Promise.reject(new SyntaxError('Unexpected token')),
      });
      await expect(registry.resolve('file')).to.be.rejectedWith(
        /could not load @tokenchain\/file \(Unexpected token\)/,
      );
    });
  });

  describe('having an unknown scheme', () => {
    it('rejects listing the known schemes and the close ones', async () => {
      const registry = createSchemeRegistry({ importer: async () => ({}) });
      await expect(registry.resolve('secretmanager')).to.be.rejectedWith(
        /unknown scheme "secretmanager" \(did you mean "secretsmanager"\? known: base64, env, file, json, kms, secrets-extension, secretsmanager, ssm\)/,
      );
    });
  });
});

describe('importFromApplication', () => {
  let app: string;

  before(async () => {
    app = await mkdtemp(join(tmpdir(), 'tokenchain-app-'));
    const pkg = join(app, 'node_modules', '@tokenchain', 'env');
    await mkdir(pkg, { recursive: true });
    await writeFile(
      join(pkg, 'package.json'),
      JSON.stringify({ name: '@tokenchain/env', type: 'module', exports: { '.': { default: './index.js' } } }),
    );
    const core = pathToFileURL(join(__dirname, '..', 'index.mjs')).href;
    await writeFile(
      join(pkg, 'index.js'),
      `import { defineScheme, fromValue } from ${JSON.stringify(core)};
export const envScheme = defineScheme({ scheme: 'env', kind: 'source', summary: 'from the fake app', target: { description: 'x', required: false }, create: () => fromValue('k', 'app-env') });`,
    );
  });

  after(async () => {
    await rm(app, { recursive: true, force: true });
  });

  it('imports a package from the application directory, which core itself cannot see', async () => {
    const registry = createSchemeRegistry({ importer: importFromApplication(app) });
    expect((await registry.resolve('env')).summary).to.equal('from the fake app');
  });

  it('rejects with an error isModuleNotFound recognises for a package found nowhere', async () => {
    const err = await importFromApplication(app)('@tokenchain/no-such-adapter').catch((e: unknown) => e);
    expect(isModuleNotFound(err, '@tokenchain/no-such-adapter')).to.equal(true);
  });
});
