import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import type { TokenSource } from '../TokenSource.js';
import { TokenSourceError } from '../TokenSourceError.js';
import { startTimer } from '../timer.js';
import { mochaGlobals } from './mochaGlobals.js';

type Make = () => TokenSource | Promise<TokenSource>;

/** What an adapter's test gives the contract suite. Only `present`, `expectedKey` and `absent` are required. */
export interface TokenSourceContractFixture {
  /** A source whose store holds `expectedKey`. */
  readonly present: Make;
  /** The key `present()` must return (after trimming). Also the text no error or output may contain. */
  readonly expectedKey: string;
  /** A source whose value does not exist: it must reject with `TokenNotFoundError`. */
  readonly absent: Make;
  /** A source whose store answers slowly (a second or more) or never: aborting mid-call must end the call promptly. */
  readonly slow?: Make;
  /** Sources that are there but broken, by label: each must reject with a `TokenSourceError` other than NOT_FOUND. */
  readonly broken?: Readonly<Record<string, Make>>;
  /** How long an aborted call may take to settle, in ms. Default 1000. */
  readonly abortWithinMs?: number;
}

/**
 * The behaviour every {@link TokenSource} owes its callers, as a mocha suite. Every adapter in tokenchain runs it; run it on
 * your own source too. It uses mocha's global `describe`/`it` and `node:assert`, so it adds no dependency.
 *
 * @example
 * ```ts
 * describeTokenSourceContract('fromVault', () => ({
 *   present: () => fromVault({ path: 'momento' }),
 *   expectedKey: KEY,
 *   absent: () => fromVault({ path: 'nothing-here' }),
 * }));
 * ```
 */
export function describeTokenSourceContract(
  title: string,
  fixture: () => TokenSourceContractFixture | Promise<TokenSourceContractFixture>,
): void {
  const { describe, it } = mochaGlobals();
  describe(`${title} honours the TokenSource contract`, () => {
    it('has a non-empty name that does not contain the key', async () => {
      const f = await fixture();
      const source = await f.present();
      assert.equal(typeof source.name, 'string');
      assert.ok(source.name.trim().length > 0, 'name is empty');
      assert.ok(!source.name.includes(f.expectedKey), 'name contains the key');
    });

    it('returns the key, trimmed, as a Secret that does not print it', async () => {
      const f = await fixture();
      const source = await f.present();
      const token = await source.getToken();
      assert.equal(token.secret.reveal(), f.expectedKey.trim());
      assert.ok(token.source.length > 0, 'token.source is empty');
      for (const shown of [
        String(token.secret),
        `${token.secret}`,
        JSON.stringify(token),
        inspect(token, { depth: 5 }),
      ]) {
        assert.ok(!shown.includes(f.expectedKey.trim()), `the key shows in ${shown}`);
      }
    });

    it('rejects with TokenNotFoundError (code NOT_FOUND) naming the source when the value does not exist', async () => {
      const f = await fixture();
      const source = await f.absent();
      const err = await rejection(source.getToken());
      assert.ok(TokenSourceError.is(err), `not a TokenSourceError: ${describeThrown(err)}`);
      assert.equal(err.code, 'NOT_FOUND', err.message);
      assert.equal(err.source, source.name);
      assert.ok(!err.message.includes(f.expectedKey), 'the error contains the key');
    });

    it('rejects at once with ABORTED when the signal has already fired', async () => {
      const f = await fixture();
      const source = await f.present();
      const controller = new AbortController();
      controller.abort();
      const err = await rejection(source.getToken({ signal: controller.signal }));
      assert.ok(TokenSourceError.is(err), `not a TokenSourceError: ${describeThrown(err)}`);
      assert.equal(err.code, 'ABORTED', err.message);
    });

    it('ends a slow call promptly with ABORTED when the signal fires mid-call', async () => {
      const f = await fixture();
      if (!f.slow) return; // nothing slow to abort: the fixture declares no such store
      const source = await f.slow();
      const controller = new AbortController();
      const started = performance.now();
      const pending = rejection(source.getToken({ signal: controller.signal }));
      startTimer(50, () => controller.abort());
      const err = await pending;
      const elapsed = performance.now() - started;
      assert.ok(TokenSourceError.is(err), `not a TokenSourceError: ${describeThrown(err)}`);
      assert.equal(err.code, 'ABORTED', err.message);
      assert.ok(elapsed < (f.abortWithinMs ?? 1000), `took ${Math.round(elapsed)} ms to honour the abort`);
    });

    it('lets only TokenSourceErrors escape from a broken store, none of them NOT_FOUND, none holding the key', async () => {
      const f = await fixture();
      for (const [label, make] of Object.entries(f.broken ?? {})) {
        const source = await make();
        const err = await rejection(source.getToken());
        assert.ok(TokenSourceError.is(err), `${label}: not a TokenSourceError: ${describeThrown(err)}`);
        assert.notEqual(err.code, 'NOT_FOUND', `${label}: a broken store must stop a chain, not look absent`);
        assert.equal(err.source, source.name, `${label}: the error does not name the source`);
        assert.ok(!err.message.includes(f.expectedKey), `${label}: the error contains the key`);
        assert.ok(
          !inspect(err, { depth: 8 }).includes(f.expectedKey),
          `${label}: the inspected error contains the key`,
        );
      }
    });
  });
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  assert.fail('expected the call to reject, but it resolved');
}

function describeThrown(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}
