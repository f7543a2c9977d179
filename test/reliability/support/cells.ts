import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { type Token, TokenSourceError } from '@tokenchain/core';
import { expect } from 'chai';
import type { Capture } from './canary.js';

const run = promisify(execFile);

/** Settles `promise` and fails unless it did so within `boundMs`: the generous "ends within its deadline" check. */
export async function within<T>(boundMs: number, promise: Promise<T>): Promise<PromiseSettledResult<T>> {
  const started = performance.now();
  const [settled] = await Promise.allSettled([promise]);
  const elapsed = performance.now() - started;
  expect(elapsed, `took ${Math.round(elapsed)} ms, more than its bound of ${boundMs} ms`).to.be.below(boundMs);
  return settled!;
}

/** Asserts a typed rejection: a TokenSourceError of `code` that names `source`. Records it for the canary check. */
export function expectTokenError(
  settled: PromiseSettledResult<unknown>,
  code: string,
  capture: Capture,
  source?: string,
): TokenSourceError {
  expect(settled.status, 'the call should have failed').to.equal('rejected');
  const reason = (settled as PromiseRejectedResult).reason as unknown;
  capture.record(reason);
  expect(TokenSourceError.is(reason), `not a TokenSourceError: ${String(reason)}`).to.equal(true);
  const err = reason as TokenSourceError;
  expect(err.code, err.message).to.equal(code);
  if (source !== undefined) expect(err.source, 'the error should name the source').to.equal(source);
  return err;
}

/** Asserts a resolved token and records its public fields. */
export function expectToken(settled: PromiseSettledResult<Token>, capture: Capture): Token {
  if (settled.status === 'rejected') capture.record(settled.reason);
  expect(settled.status, settled.status === 'rejected' ? String(settled.reason) : '').to.equal('fulfilled');
  const token = (settled as PromiseFulfilledResult<Token>).value;
  capture.record(token);
  return token;
}

/** Lets timers and callbacks due now run, so a late rejection surfaces inside the test that caused it. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 10));
}

/**
 * Runs a child script of this suite so that file modes bind it: root reads any file, so the permission cells would prove
 * nothing as root. As root the child runs under `setpriv --bounding-set=-all` (util-linux): still uid 0, so it can load
 * this checkout wherever it was cloned, but without CAP_DAC_OVERRIDE, so a mode-000 file is refused to it.
 */
export async function runUnprivileged(script: string, args: readonly string[]): Promise<Record<string, unknown>> {
  const root = process.getuid?.() === 0;
  const node = [process.execPath, script, ...args];
  const [command, ...commandArgs] = root ? ['setpriv', '--bounding-set=-all', '--', ...node] : node;
  const { stdout } = await run(command as string, commandArgs, {
    timeout: 20_000,
    env: { ...process.env, HOME: '/tmp' },
  });
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>;
}
