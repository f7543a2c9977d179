import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';

// docs/disposable-tokens.md shows code that must compile: each of its ```ts blocks is in a file of docs/examples.
const docs = fileURLToPath(new URL('../../', import.meta.url));
const normalize = (text: string) => text.replace(/\s+/g, ' ').trim();

describe('docs/disposable-tokens.md', () => {
  const page = readFileSync(join(docs, 'disposable-tokens.md'), 'utf8');
  const blocks = [...page.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
  const examples = readdirSync(join(docs, 'examples'))
    .filter((name) => name.endsWith('.ts'))
    .map((name) => normalize(readFileSync(join(docs, 'examples', name), 'utf8')))
    .join('\n');

  it('has code blocks', () => {
    expect(blocks.length).to.be.greaterThan(1);
  });

  it('quotes only compiled example code, word for word', () => {
    for (const block of blocks) expect(examples, block).to.include(normalize(block));
  });

  it('reveals the token only where it is handed to the browser, as a visible step', () => {
    const reveals = blocks.join('\n').match(/\.reveal\(\)/g) ?? [];
    expect(reveals).to.have.length(1);
    expect(blocks.join('\n')).to.include('authToken: token.secret.reveal()');
  });
});
