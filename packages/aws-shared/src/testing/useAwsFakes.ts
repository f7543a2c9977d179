import type { AwsFakeLike, AwsFaultLike } from './AwsAdapterCase.js';
import { mochaHooks } from './mochaHooks.js';

/** The fakes of one suite, readable from its hooks and tests on. */
export interface AwsFakesInSuite<Fake, Label extends string> {
  /** The suite's fake: its faults are cleared and its requests forgotten after every test. */
  readonly fake: Fake;
  /** A fake that fails every request in the way `faulty[label]` says, seeded as `fake` is. */
  faulty(label: Label): Fake;
}

/**
 * Starts the suite's fakes in its `before` hook and closes them in its `after`: one fake, and one more per fault that
 * always fails that way (a hang, a refusal...). `seed` stores on each what the suite reads, so that a fault that leaks a
 * value would show it.
 *
 * @example
 * ```ts
 * const fakes = useAwsFakes(startAwsFake, {
 *   seed: (fake) => fake.ssm.put('/contract', KEY),
 *   faulty: { hang: { kind: 'hang' }, denied: { kind: 'access-denied' } },
 * });
 * it('times out', () => fromSsmParameter({ parameterName: '/contract', clientConfig: fakes.faulty('hang').clientConfig() }));
 * ```
 */
export function useAwsFakes<Fake extends AwsFakeLike, Label extends string = never>(
  start: () => Promise<Fake>,
  options: {
    readonly seed?: (fake: Fake) => void;
    /** By label, the fault a fake of its own always answers with: the suites' own, or any fault the fake knows. */
    readonly faulty?: Readonly<Record<Label, AwsFaultLike | Parameters<Fake['inject']>[0]>>;
  } = {},
): AwsFakesInSuite<Fake, Label> {
  const { before, after, afterEach } = mochaHooks();
  let fake: Fake | undefined;
  const faulty = new Map<Label, Fake>();
  before(async () => {
    fake = await start();
    options.seed?.(fake);
    for (const [label, fault] of Object.entries(options.faulty ?? {}) as [Label, never][]) {
      const failing = await start();
      options.seed?.(failing);
      failing.inject(fault);
      faulty.set(label, failing);
    }
  });
  after(async () => {
    await Promise.all([fake, ...faulty.values()].map((f) => f?.close()));
  });
  afterEach(() => {
    fake?.clearFaults();
    fake?.resetRequests();
  });
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined)
      throw new Error(`${what} is started in the suite's before hook: read it from a hook or test`);
    return value;
  };
  return {
    get fake() {
      return started(fake, 'the fake');
    },
    faulty: (label) => started(faulty.get(label), `the fake "${label}"`),
  };
}
