// Schemes shared by the configuration tests (no tests of its own).
import { createToken, withSecret } from '../createToken.js';
import { mapToken } from '../mapToken.js';
import { TokenNotFoundError } from '../TokenNotFoundError.js';
import type { TokenSource } from '../TokenSource.js';
import { defineScheme } from './defineScheme.js';
import type { SchemeContext } from './SchemeDefinition.js';

/** Schemes for tests of the configuration code: what each `create` was given is recorded in `seen`. */
export function testSchemes() {
  const seen: { scheme: string; context: SchemeContext }[] = [];
  /** `mem:<key>` returns `<key>` as the key; `mem:` is "not there". */
  const memScheme = defineScheme({
    scheme: 'mem',
    kind: 'source',
    summary: 'a key written in the configuration, for tests',
    target: { description: 'the key', required: false },
    options: {
      region: { type: 'string', description: 'recorded only' },
      retries: { type: 'number', description: 'recorded only' },
      watch: { type: 'boolean', description: 'recorded only' },
      context: { type: 'map', description: 'recorded only' },
    },
    create(context): TokenSource {
      seen.push({ scheme: 'mem', context });
      const name = `mem:${context.target.length}`;
      return {
        name,
        async getToken() {
          if (context.target === '') throw new TokenNotFoundError('empty', { source: name });
          return createToken({ source: name, value: context.target });
        },
      };
    },
  });
  /** `upper+…` upper-cases the key. */
  const upperScheme = defineScheme({
    scheme: 'upper',
    kind: 'decorator',
    summary: 'upper-cases the key, for tests',
    options: { region: { type: 'string', description: 'recorded only' } },
    create(inner, context) {
      seen.push({ scheme: 'upper', context });
      return mapToken(inner, (t) => withSecret(t, t.secret.reveal().toUpperCase()));
    },
  });
  /** `suffix+…?text=x` appends `x` to the key. */
  const suffixScheme = defineScheme({
    scheme: 'suffix',
    kind: 'decorator',
    summary: 'appends text to the key, for tests',
    options: { text: { type: 'string', required: true, description: 'what to append' } },
    create(inner, context) {
      seen.push({ scheme: 'suffix', context });
      return mapToken(inner, (t) => withSecret(t, t.secret.reveal() + (context.string('text') ?? '')));
    },
  });
  return { seen, memScheme, upperScheme, suffixScheme, all: [memScheme, upperScheme, suffixScheme] };
}
