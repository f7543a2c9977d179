import { expect } from 'chai';
import sinon from 'sinon';
import type { TokenEvent, TokenLogger } from './events.js';
import { createReporter, describeEvent } from './report.js';

const rotated: TokenEvent = { type: 'rotated', source: 'cached(x)', time: 0, from: 'aaaaaaaa', to: 'bbbbbbbb' };

describe('createReporter', () => {
  it('sends each event to onEvent and a one-line message to the logger at the event’s level', () => {
    const onEvent = sinon.spy();
    const logger = { debug: sinon.spy(), info: sinon.spy(), warn: sinon.spy(), error: sinon.spy() };
    createReporter({ onEvent, logger })(rotated);
    expect(onEvent.calledOnceWith(rotated)).to.equal(true);
    expect(logger.info.calledOnce).to.equal(true);
    expect(logger.info.firstCall.args[0]).to.equal('tokenchain: cached(x) rotated key aaaaaaaa -> bbbbbbbb');
    expect(logger.info.firstCall.args[1]).to.deep.equal({ tokenchain: rotated });
  });

  it('accepts console-like, pino-like and Powertools-like loggers that lack some levels', () => {
    const partial: TokenLogger = { warn: sinon.spy() };
    expect(() => createReporter({ logger: partial })(rotated)).not.to.throw();
    expect(() =>
      createReporter({ logger: partial })({ type: 'warning', source: 'file:/k', time: 0, message: 'mode 644' }),
    ).not.to.throw();
    expect((partial.warn as sinon.SinonSpy).calledOnce).to.equal(true);
  });

  it('keeps going when a listener or the logger throws', () => {
    const logger = { error: sinon.spy(), info: sinon.stub().throws(new Error('logger down')) };
    const report = createReporter({
      onEvent: () => {
        throw new Error('listener bug');
      },
      logger,
    });
    expect(() => report(rotated)).not.to.throw();
    expect(logger.error.calledOnce).to.equal(true);
  });

  it('describes every event type in one line', () => {
    const events: TokenEvent[] = [
      { type: 'resolved', source: 's', time: 0, winner: 'w', durationMs: 1, fingerprint: 'f', cache: 'hit' },
      { type: 'fallback', source: 's', time: 0, from: 'a', reason: 'r', code: 'NOT_FOUND', durationMs: 1 },
      { type: 'refreshed', source: 's', time: 0, fingerprint: 'f', durationMs: 1, trigger: 'ahead' },
      {
        type: 'refresh-failed',
        source: 's',
        time: 0,
        reason: 'r',
        code: 'THROTTLED',
        consecutiveFailures: 2,
        retryInMs: 5,
      },
      { type: 'stale-served', source: 's', time: 0, fingerprint: 'f', ageMs: 5 },
      rotated,
      { type: 'warning', source: 's', time: 0, message: 'm' },
    ];
    for (const event of events)
      expect(describeEvent(event))
        .to.match(/^tokenchain: /)
        .and.not.to.include('\n');
  });

  describe('having events that carry key-shaped text', () => {
    const key = `eyJ${'a'.repeat(40)}.${'b'.repeat(20)}`;
    const leaky: TokenEvent[] = [
      {
        type: 'fallback',
        source: `chain(env:${key})`,
        time: 0,
        from: `env:${key}`,
        to: key,
        reason: `bad ${key}`,
        code: 'MALFORMED',
        durationMs: 1,
      },
      {
        type: 'refresh-failed',
        source: 's',
        time: 0,
        reason: `quoted ${key}`,
        code: 'UNKNOWN',
        consecutiveFailures: 1,
        retryInMs: 5,
      },
      { type: 'resolved', source: 's', time: 0, winner: `file:${key}`, durationMs: 1, fingerprint: 'f', cache: 'miss' },
      { type: 'warning', source: 's', time: 0, message: `value ${key}` },
    ];

    it('hands listeners and loggers the events with every key-shaped string removed', () => {
      const seen: TokenEvent[] = [];
      const lines: unknown[][] = [];
      const log = (...args: unknown[]) => lines.push(args);
      const report = createReporter({ onEvent: (e) => seen.push(e), logger: { debug: log, info: log, warn: log } });
      for (const event of leaky) report(event);
      expect(seen).to.have.length(leaky.length);
      expect(JSON.stringify(seen)).not.to.include(key);
      expect(JSON.stringify(seen)).to.include('[redacted key-shaped text]');
      expect(JSON.stringify(lines)).not.to.include(key);
      expect(seen[0]).to.include({ type: 'fallback', code: 'MALFORMED', durationMs: 1 });
    });

    it('describes them without the key-shaped text', () => {
      for (const event of leaky) expect(describeEvent(event)).not.to.include(key);
    });

    it('passes a clean event through as the same object', () => {
      const onEvent = sinon.spy();
      createReporter({ onEvent })(rotated);
      expect(onEvent.firstCall.args[0]).to.equal(rotated);
    });
  });
});
