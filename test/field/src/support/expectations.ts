import { expect } from 'chai';
import type { ScriptOutcome } from './script.js';
import { type FieldWorld, GET_SECRET_VALUE } from './world.js';

/** The script ran to its end by itself and printed its result; else the assertion shows how it ended and why. */
export function expectFinished(outcome: ScriptOutcome): void {
  expect(outcome.run.timedOut, outcome.story).to.equal(false);
  expect(outcome.run.code, outcome.story).to.equal(0);
  expect(outcome.report, outcome.story).to.not.equal(undefined);
}

/**
 * What the fakes saw from one process: exactly one GetSecretValue (the key is fetched once and reused), and `sets` Set
 * and Get calls to Momento made with that key, all answered.
 */
export function expectOneKeyFetch(world: FieldWorld, calls: number, story: string): void {
  expect(world.aws.count(GET_SECRET_VALUE), `GetSecretValue calls seen by the fake\n${story}`).to.equal(1);
  for (const method of ['Set', 'Get'] as const) {
    expect(
      world.momento.callCount({ method, key: world.key, outcome: 'ok' }),
      `Momento ${method} calls\n${story}`,
    ).to.equal(calls);
  }
}
