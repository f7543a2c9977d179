import { readFileSync } from 'node:fs';
import { DEFAULT_TOKEN_SOURCES, loadSources, type SchemeImporter } from '@tokenchain/core';
import { expect } from 'chai';
import { vaultScheme } from './configuration.customScheme.js';
import { chainFromJson, chainFromOneString } from './configuration.fromConfig.js';

// docs/configuration.md quotes error messages and configurations; these tests make each quote what the code really says.
const page = readFileSync(new URL('../../configuration.md', import.meta.url), 'utf8');
const importer: SchemeImporter = (name) => import(name);
const origin = 'MOMENTO_TOKEN_SOURCES';

async function messageOf(text: string, from: SchemeImporter = importer): Promise<string> {
  const err = await loadSources(text, { origin, importer: from }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err, `${text} was accepted`).to.be.instanceOf(Error);
  return (err as Error).message;
}

describe('docs/configuration.md', () => {
  it('quotes the real error for each mistake it shows', async () => {
    const withoutSsm: SchemeImporter = (name) =>
      name === '@tokenchain/aws-ssm'
        ? Promise.reject(Object.assign(new Error(`Cannot find package '${name}'`), { code: 'ERR_MODULE_NOT_FOUND' }))
        : import(name);
    const messages = [
      await messageOf('env:MOMENTO_API_KEY, secretmanager:momento'),
      await messageOf('kms+env:X?regoin=eu-west-1'),
      await messageOf('env:A, env:B, ssm:/momento/api-key', withoutSsm),
      await messageOf('kms:X'),
      await messageOf('env:A,,env:B'),
    ];
    for (const message of messages) expect(page, `not on the page: ${message}`).to.include(message);
  });

  it('shows configurations that load: the list form, the JSON form and a custom scheme', async () => {
    expect(chainFromOneString().name).to.match(/^config\(secretsmanager:Momento_Auth_Token/);
    expect(chainFromJson().name).to.match(/^config\(/);
    const json = /```json\n([\s\S]*?)```/.exec(page)?.[1] ?? '';
    const { sources, chainOptions } = await loadSources(json, { importer });
    expect(sources.map((s) => s.name)).to.deep.equal([
      'secretsmanager:Momento_Auth_Token',
      'kms(env:MOMENTO_KEY_ENCRYPTED)',
      'env:MOMENTO_API_KEY',
    ]);
    expect(chainOptions).to.include({ fallThrough: 'any-error', timeoutMs: 5000, name: 'momento-key' });
    const first = /```text\n([^\n]+)\n```/.exec(page)?.[1] ?? '';
    expect((await loadSources(first, { importer })).sources).to.have.length(5);
    await loadSources('vault:momento?url=https://vault.internal:8200', { schemes: [vaultScheme] });
  });

  it('describes defaultTokenSource’s fallback as the code has it', () => {
    expect(page).to.include(`\`${DEFAULT_TOKEN_SOURCES}\``);
    expect(page).to.include(`Otherwise \`${DEFAULT_TOKEN_SOURCES}\``);
  });
});
