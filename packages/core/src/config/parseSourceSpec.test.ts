import { expect } from 'chai';
import { TokenSourceError } from '../TokenSourceError.js';
import { parseSourceSpec } from './parseSourceSpec.js';

const ISSUE_EXAMPLE =
  'secretsmanager:Momento_Auth_Token?region=us-west-2&field=apiKey, ssm:/momento/api-key, kms+env:MOMENTO_KEY_ENCRYPTED, env:MOMENTO_API_KEY, file:/run/secrets/momento';

function configErrorOf(fn: () => unknown): TokenSourceError {
  try {
    fn();
  } catch (err) {
    expect(TokenSourceError.is(err), 'a TokenSourceError').to.equal(true);
    expect((err as TokenSourceError).code).to.equal('INVALID_CONFIGURATION');
    return err as TokenSourceError;
  }
  throw new Error('expected parseSourceSpec to throw');
}

describe('parseSourceSpec', () => {
  describe('having the list form', () => {
    it('returns one entry for each comma-separated entry, in order', () => {
      const spec = parseSourceSpec(ISSUE_EXAMPLE);
      expect(spec.entries.map((e) => e.schemes)).to.deep.equal([
        ['secretsmanager'],
        ['ssm'],
        ['kms', 'env'],
        ['env'],
        ['file'],
      ]);
      expect(spec.entries.map((e) => e.target)).to.deep.equal([
        'Momento_Auth_Token',
        '/momento/api-key',
        'MOMENTO_KEY_ENCRYPTED',
        'MOMENTO_API_KEY',
        '/run/secrets/momento',
      ]);
      expect(spec.chain).to.deep.equal({});
    });

    it('returns the options in the order written, as strings', () => {
      const [first] = parseSourceSpec(ISSUE_EXAMPLE).entries;
      expect(first?.options).to.deep.equal([
        ['region', 'us-west-2'],
        ['field', 'apiKey'],
      ]);
      expect(first?.text).to.equal('secretsmanager:Momento_Auth_Token?region=us-west-2&field=apiKey');
    });

    it('keeps every colon after the first in the target, as ARNs need', () => {
      const [entry] = parseSourceSpec(
        'secretsmanager:arn:aws:secretsmanager:us-west-2:123456789012:secret:momento',
      ).entries;
      expect(entry?.target).to.equal('arn:aws:secretsmanager:us-west-2:123456789012:secret:momento');
    });

    it('decodes %-escapes in targets and values, so a comma can be written %2C', () => {
      const [entry] = parseSourceSpec('file:/keys/a%2Cb?note=x%26y%3Dz').entries;
      expect(entry?.target).to.equal('/keys/a,b');
      expect(entry?.options).to.deep.equal([['note', 'x&y=z']]);
    });

    it('reads a bare option as true', () => {
      const [entry] = parseSourceSpec('file:/run/secrets/momento?watch').entries;
      expect(entry?.options).to.deep.equal([['watch', 'true']]);
    });

    it('allows an empty target, for schemes with a default', () => {
      const [entry] = parseSourceSpec('env:').entries;
      expect(entry?.target).to.equal('');
    });

    it('ignores whitespace and newlines around entries', () => {
      const spec = parseSourceSpec('\n  env:A ,\n  env:B  \n');
      expect(spec.entries.map((e) => e.target)).to.deep.equal(['A', 'B']);
    });
  });

  describe('having the JSON form', () => {
    it('returns the chain options and entries from strings and objects', () => {
      const spec = parseSourceSpec(
        JSON.stringify({
          name: 'momento-key',
          fallThrough: 'any-error',
          timeoutMs: 5000,
          sources: [
            'ssm:/momento/api-key, env:MOMENTO_API_KEY',
            { source: 'kms+env:ENCRYPTED?region=eu-west-1', options: { context: { app: 'momento' } } },
          ],
        }),
      );
      expect(spec.chain).to.deep.equal({ name: 'momento-key', fallThrough: 'any-error', timeoutMs: 5000 });
      expect(spec.entries.map((e) => e.text)).to.deep.equal([
        'ssm:/momento/api-key',
        'env:MOMENTO_API_KEY',
        'kms+env:ENCRYPTED?region=eu-west-1',
      ]);
      expect(spec.entries[2]?.options).to.deep.equal([
        ['region', 'eu-west-1'],
        ['context', { app: 'momento' }],
      ]);
    });

    it('reads a bare array as the sources', () => {
      expect(parseSourceSpec('["env:A", "env:B"]').entries.map((e) => e.target)).to.deep.equal(['A', 'B']);
    });

    it('reads a string as the sources', () => {
      expect(parseSourceSpec('{"sources": "env:A, env:B"}').entries).to.have.length(2);
    });
  });

  describe('having a mistake', () => {
    const cases: ReadonlyArray<readonly [string, string, RegExp]> = [
      ['nothing', '   ', /no sources are configured \(e\.g\. env:MOMENTO_API_KEY/],
      ['no colon', 'env:A, MOMENTO_API_KEY', /entry 2 "MOMENTO_API_KEY": expected scheme:target/],
      ['a bad scheme name', 'Env:A', /entry 1 "Env:A": "Env" is not a scheme name/],
      ['an empty composition', 'kms+:A', /"" is not a scheme name/],
      ['an empty entry', 'env:A,,env:B', /entry 2 is empty/],
      ['a trailing comma', 'env:A,', /entry 2 is empty/],
      ['an option twice', 'env:A?x=1&x=2', /entry 1 "env:A\?x=1&x=2": option "x" is given twice/],
      ['an option without a name', 'env:A?=1', /an option has no name/],
      ['a bad escape', 'file:/a%zz', /bad %-escape/],
      ['bad JSON', '{"sources": [}', /starts like JSON but is not valid JSON/],
      [
        'an unknown JSON key',
        '{"sources": "env:A", "fallthrough": "any-error"}',
        /unknown key "fallthrough".*known: sources/,
      ],
      ['no sources in JSON', '{"fallThrough": "any-error"}', /needs "sources"/],
      ['a bad fallThrough', '{"sources": "env:A", "fallThrough": "always"}', /"fallThrough" must be/],
      ['a bad timeoutMs', '{"sources": "env:A", "timeoutMs": -1}', /"timeoutMs" must be a number/],
      ['a bad JSON entry', '{"sources": [42]}', /entry 1 must be a string or \{"source"/],
      [
        'an unknown entry key',
        '{"sources": [{"source": "env:A", "opts": {}}]}',
        /unknown key "opts" \(known: source, options\)/,
      ],
      ['two entries in one object', '{"sources": [{"source": "env:A, env:B"}]}', /an object holds one entry/],
      [
        'options that are not an object',
        '{"sources": [{"source": "env:A", "options": []}]}',
        /"options" must be an object/,
      ],
      ['an option twice across forms', '[{"source": "env:A?x=1", "options": {"x": "2"}}]', /option "x" is given twice/],
    ];
    for (const [what, text, message] of cases) {
      it(`throws INVALID_CONFIGURATION for ${what}, saying where`, () => {
        const err = configErrorOf(() => parseSourceSpec(text, 'MOMENTO_TOKEN_SOURCES'));
        expect(err.source).to.equal('MOMENTO_TOKEN_SOURCES');
        expect(err.message).to.match(message);
      });
    }
  });

  describe('having a key pasted where configuration goes', () => {
    // Shaped like a Momento JWT; a fragment from its end, which no key-shaped pattern would match on its own, must not show.
    const key = 'eyJhbGciOiJIUzI1NiJ9.eyJ0IjoiZyIsImlkIjoiYWJjIn0.c2lnbmF0dXJlLXRhaWwtZnJhZ21lbnQ';
    const tail = key.slice(-12);
    const escaped = key.replace('e', '%65');
    const cases: ReadonlyArray<readonly [string, string, string]> = [
      ['the key alone', key, 'entry 1 holds'],
      ['the key with a trailing newline', `  ${key}\n`, 'entry 1 holds'],
      ['a scheme name', `${key}:x`, 'entry 1 holds'],
      ['a target', `env:A, env:${key}`, 'entry 2 holds'],
      ['a file path', `file:/run/secrets/${key}`, 'entry 1 holds'],
      ['an option value', `env:A?endpointName=${key}`, 'entry 1 holds'],
      ['an option name', `env:A?${key}=1`, 'entry 1 holds'],
      ['a %-escaped target', `env:${escaped}`, 'entry 1 holds'],
      ['a JSON array', JSON.stringify([key]), 'the configuration holds'],
      ['a JSON entry key', JSON.stringify({ sources: [{ apiKey: key }] }), 'the configuration holds'],
      [
        'a JSON option value',
        JSON.stringify([{ source: 'env:A', options: { endpointName: key } }]),
        'the configuration holds',
      ],
      ['a JSON chain name', JSON.stringify({ name: key, sources: 'env:A' }), 'the configuration holds'],
      ['a JSON \\u escape', `["env:\\u0065${key.slice(1)}"]`, 'the configuration holds'],
      ['broken JSON', `{"sources": ["${key}"`, 'the configuration holds'],
    ];
    for (const [what, text, where] of cases) {
      it(`refuses it in ${what} without quoting any of it`, () => {
        const err = configErrorOf(() => parseSourceSpec(text, 'MOMENTO_TOKEN_SOURCES'));
        expect(err.message).to.include(
          `MOMENTO_TOKEN_SOURCES: ${where} text shaped like a Momento API key (not shown)`,
        );
        expect(err.message).to.not.include(tail);
        expect(err.message).to.not.include(key.slice(0, 12));
      });
    }
  });
});
