import { readFileSync } from 'node:fs';
import {
  DEFAULT_SOURCES_ORIGIN,
  DEFAULT_TOKEN_SOURCES,
  defaultTokenSource,
  loadSources,
  type SchemeDefinition,
} from '@tokenchain/core/config';
import { expect } from 'chai';
import { vaultScheme } from './configuration.customScheme.js';
import { chainFromJson, chainFromOneString, schemes } from './configuration.fromConfig.js';

// docs/configuration.md quotes error messages and configurations; these tests make each quote what the code really says.
const page = readFileSync(new URL('../../configuration.md', import.meta.url), 'utf8');
// Shaped like a Momento key (a JWT), as an operator might paste one into MOMENTO_TOKEN_SOURCES.
const pastedKey = 'eyJhbGciOiJIUzI1NiJ9.eyJ0IjoiZyIsImlkIjoiZG9jcyJ9.c2lnbmF0dXJlLW9mLWRvY3M';

async function messageOf(
  text: string,
  registered: readonly SchemeDefinition[] = schemes,
  origin = 'MOMENTO_TOKEN_SOURCES',
): Promise<string> {
  const err = await loadSources(text, { origin, schemes: registered }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err, `${text} was accepted`).to.be.instanceOf(Error);
  return (err as Error).message;
}

describe('docs/configuration.md', () => {
  it('quotes the real error for each mistake it shows', async () => {
    const withoutSsm = schemes.filter((s) => s.scheme !== 'ssm');
    const messages = [
      await messageOf('env:MOMENTO_API_KEY, secretmanager:momento'),
      await messageOf('kms+env:X?regoin=eu-west-1'),
      await messageOf('env:A, env:B, ssm:/momento/api-key', withoutSsm),
      await messageOf('kms:X'),
      await messageOf('env:A,,env:B'),
      await messageOf(pastedKey),
    ];
    for (const message of messages) expect(page, `not on the page: ${message}`).to.include(message);
    expect(messages.join('\n')).to.not.include(pastedKey.slice(-12));
  });

  it('quotes the real error of defaultTokenSource without envScheme', async () => {
    const message = await messageOf(DEFAULT_TOKEN_SOURCES, [], DEFAULT_SOURCES_ORIGIN);
    expect(() => defaultTokenSource({ env: {} })).to.throw(message);
    expect(page).to.include(message);
  });

  it('shows configurations that load: the list form, the JSON form and a custom scheme', async () => {
    expect(chainFromOneString().name).to.match(/^config\(secretsmanager:Momento_Auth_Token/);
    expect(chainFromJson().name).to.match(/^config\(/);
    const json = /```json\n([\s\S]*?)```/.exec(page)?.[1] ?? '';
    const { sources, chainOptions } = await loadSources(json, { schemes });
    expect(sources.map((s) => s.name)).to.deep.equal([
      'secretsmanager:Momento_Auth_Token',
      'kms(env:MOMENTO_KEY_ENCRYPTED)',
      'env:MOMENTO_API_KEY',
    ]);
    expect(chainOptions).to.include({ fallThrough: 'any-error', timeoutMs: 5000, name: 'momento-key' });
    const first = /```text\n([^\n]+)\n```/.exec(page)?.[1] ?? '';
    expect((await loadSources(first, { schemes })).sources).to.have.length(5);
    await loadSources('vault:momento?url=https://vault.internal:8200', { schemes: [vaultScheme] });
  });

  it('describes defaultTokenSource’s fallback as the code has it', () => {
    expect(page).to.include(`\`${DEFAULT_TOKEN_SOURCES}\``);
    expect(page).to.include(`Otherwise \`${DEFAULT_TOKEN_SOURCES}\``);
  });
});
