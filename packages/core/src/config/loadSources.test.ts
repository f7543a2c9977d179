import { expect } from 'chai';
import type { TokenSource } from '../TokenSource.js';
import { TokenSourceError } from '../TokenSourceError.js';
import { createSchemeRegistry } from './createSchemeRegistry.js';
import { defineScheme } from './defineScheme.js';
import { testSchemes } from './fixtures.testing.js';
import { loadSources } from './loadSources.js';

function setup() {
  const schemes = testSchemes();
  const registry = createSchemeRegistry({ schemes: schemes.all });
  return { ...schemes, registry };
}

async function configError(promise: Promise<unknown>): Promise<TokenSourceError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(TokenSourceError.is(err), 'a TokenSourceError').to.equal(true);
  expect((err as TokenSourceError).code).to.equal('INVALID_CONFIGURATION');
  return err as TokenSourceError;
}

describe('loadSources', () => {
  describe('having entries of known schemes', () => {
    it('returns one source for each entry, in order, without fetching', async () => {
      const { registry } = setup();
      const { sources } = await loadSources('mem:abc, upper+mem:def', { registry });
      expect(sources).to.have.length(2);
      expect((await sources[0]?.getToken())?.secret.reveal()).to.equal('abc');
      expect((await sources[1]?.getToken())?.secret.reveal()).to.equal('DEF');
    });

    it('wraps from right to left: the scheme nearest the target is applied first', async () => {
      const { registry } = setup();
      const { sources } = await loadSources('suffix+upper+mem:ab?text=x', { registry });
      expect((await sources[0]?.getToken())?.secret.reveal()).to.equal('ABx');
    });

    it('gives each scheme its options, typed', async () => {
      const { registry, seen } = setup();
      await loadSources('mem:k?region=eu-west-1&retries=3&watch&context.app=momento&context.env=prod', { registry });
      const [{ context } = { context: undefined }] = seen;
      expect(context?.string('region')).to.equal('eu-west-1');
      expect(context?.number('retries')).to.equal(3);
      expect(context?.boolean('watch')).to.equal(true);
      expect(context?.map('context')).to.deep.equal({ app: 'momento', env: 'prod' });
      expect(context?.string('retries')).to.equal(undefined);
      expect(context?.entry).to.equal('mem:k?region=eu-west-1&retries=3&watch&context.app=momento&context.env=prod');
    });

    it('gives an unscoped option to every scheme that declares it, and a scoped one to that scheme only', async () => {
      const { registry, seen } = setup();
      await loadSources('upper+mem:k?region=a', { registry });
      expect(seen.map((s) => [s.scheme, s.context.string('region')])).to.deep.equal([
        ['mem', 'a'],
        ['upper', 'a'],
      ]);
      seen.length = 0;
      await loadSources('upper+mem:k?upper.region=u&mem.region=m', { registry });
      expect(seen.map((s) => [s.scheme, s.context.string('region')])).to.deep.equal([
        ['mem', 'm'],
        ['upper', 'u'],
      ]);
    });

    it('takes typed values and map objects from the JSON form', async () => {
      const { registry, seen } = setup();
      await loadSources('[{"source": "mem:k", "options": {"retries": 2, "watch": false, "context": {"a": "b"}}}]', {
        registry,
      });
      const context = seen[0]?.context;
      expect([context?.number('retries'), context?.boolean('watch'), context?.map('context')]).to.deep.equal([
        2,
        false,
        { a: 'b' },
      ]);
    });

    it('returns the chain options of the JSON form with the observer', async () => {
      const { registry } = setup();
      const onEvent = () => {};
      const { chainOptions } = await loadSources('{"sources": "mem:k", "fallThrough": "any-error", "timeoutMs": 900}', {
        registry,
        observer: { onEvent },
      });
      expect(chainOptions).to.deep.equal({ fallThrough: 'any-error', timeoutMs: 900, observer: { onEvent } });
    });

    it('passes the observer and the environment to the schemes', async () => {
      const { registry, seen } = setup();
      const logger = { warn() {} };
      const env = { A: '1' };
      await loadSources('mem:k', { registry, observer: { logger }, env });
      expect(seen[0]?.context.observer).to.deep.equal({ logger });
      expect(seen[0]?.context.env).to.equal(env);
    });
  });

  describe('having a mistake', () => {
    const cases: ReadonlyArray<readonly [string, string, RegExp]> = [
      [
        'an unknown scheme',
        'mem:a, vault:b',
        /entry 2 "vault:b": unknown scheme "vault": pass a scheme made by defineScheme in options.schemes \(registered: base64, json, mem, suffix, upper\)/,
      ],
      [
        'an unknown option',
        'upper+mem:a?regoin=x',
        /entry 1 "upper\+mem:a\?regoin=x": unknown option "regoin" \(upper accepts region; mem accepts region, retries, watch, context\.<key>\)/,
      ],
      [
        'an option scoped to the other scheme',
        'upper+mem:a?upper.retries=1',
        /unknown option "upper.retries" \(upper accepts region\)/,
      ],
      ['a number that is not one', 'mem:a?retries=many', /option "retries" of "mem" must be a number \(got "many"\)/],
      ['a boolean that is not one', 'mem:a?watch=yes', /option "watch" of "mem" must be true or false/],
      ['an empty string', 'mem:a?region=', /option "region" of "mem" needs a non-empty value/],
      ['a map without a key', 'mem:a?context=x', /option "context" of "mem" takes one key at a time/],
      ['a suffix on a plain option', 'mem:a?region.x=1', /option "region.x" of "mem" takes no ".x" suffix/],
      ['a missing required option', 'suffix+mem:a', /the "suffix" scheme needs the option text \(what to append\)/],
      [
        'a wrapper with nothing to wrap',
        'upper:a',
        /"upper" wraps another source: write it before one, e\.g\. upper\+env:MY_VARIABLE/,
      ],
      ['a source in front of another', 'mem+mem:a', /"mem" is a source, not a wrapper/],
    ];
    for (const [what, text, message] of cases) {
      it(`rejects INVALID_CONFIGURATION for ${what}, naming the entry`, async () => {
        const { registry } = setup();
        const err = await configError(loadSources(text, { registry, origin: '--sources' }));
        expect(err.source).to.equal('--sources');
        expect(err.message).to.match(message);
      });
    }

    const refusals: readonly {
      readonly rejects: string;
      readonly entry: string;
      readonly required?: string;
      readonly create: () => TokenSource;
      readonly message: string;
    }[] = [
      {
        rejects: 'for a missing required target, saying what it is',
        entry: 'path:',
        required: 'the path of the key',
        create: () => ({ name: 'p', getToken: () => Promise.reject(new Error('unused')) }),
        message: 'config: entry 1 "path:": the "path" scheme needs a target: the path of the key',
      },
      {
        rejects: 'when a scheme refuses to build its source, keeping its reason',
        entry: 'refuse:x',
        create: () => {
          throw new TokenSourceError('the variable name is empty', { source: 'env:', code: 'INVALID_CONFIGURATION' });
        },
        message: 'config: entry 1 "refuse:x": the variable name is empty',
      },
      {
        rejects: 'when a scheme throws something else, naming it',
        entry: 'throw:x',
        create: () => {
          throw new RangeError('bad region');
        },
        message: 'config: entry 1 "throw:x": could not be built (RangeError: bad region)',
      },
    ];
    for (const { rejects, entry, required, create, message } of refusals) {
      it(`rejects ${rejects}`, async () => {
        const scheme = defineScheme({
          scheme: entry.slice(0, entry.indexOf(':')),
          kind: 'source',
          summary: 's',
          target:
            required === undefined ? { description: 't', required: false } : { description: required, required: true },
          create,
        });
        const registry = createSchemeRegistry({ schemes: [scheme] });
        const err = await configError(loadSources(entry, { registry }));
        expect(err.message).to.equal(message);
      });
    }
  });
});
