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
    expect(logger.info.firstCall.args[1]).to.equal(rotated);
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
});
