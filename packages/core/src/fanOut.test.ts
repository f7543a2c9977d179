import { expect } from 'chai';
import type { TokenEvent } from './events.js';
import { fanOut } from './fanOut.js';

describe(fanOut.name, () => {
  const setup = () => {
    const events: TokenEvent[] = [];
    const listeners = fanOut<string>('file:/run/key', (event) => events.push(event));
    return { events, listeners };
  };

  describe('having several listeners', () => {
    it('tells each, in the order they were added, once per add', () => {
      const { listeners } = setup();
      const told: string[] = [];
      const a = (v: string) => told.push(`a:${v}`);
      listeners.add(a);
      listeners.add((v) => told.push(`b:${v}`));
      listeners.add(a);
      listeners.emit('k1');
      expect(told).to.deep.equal(['a:k1', 'b:k1', 'a:k1']);
    });

    it('removes one entry per remove, and a second remove does nothing', () => {
      const { listeners } = setup();
      const told: string[] = [];
      const a = (v: string) => told.push(v);
      const removeFirst = listeners.add(a);
      listeners.add(a);
      removeFirst();
      removeFirst();
      expect(listeners.size).to.equal(1);
      listeners.emit('k');
      expect(told).to.deep.equal(['k']);
    });
  });

  describe('having a listener that throws', () => {
    it('reports a warning naming the source and still tells the others', () => {
      const { events, listeners } = setup();
      const told: string[] = [];
      listeners.add(() => {
        throw new TypeError('boom');
      });
      listeners.add((v) => told.push(v));
      expect(() => listeners.emit('k')).not.to.throw();
      expect(told).to.deep.equal(['k']);
      expect(events).to.have.length(1);
      expect(events[0]).to.include({ type: 'warning', source: 'file:/run/key' });
      expect(events[0]?.type === 'warning' && events[0].message).to.equal(
        'a subscriber threw (TypeError); the others were still told',
      );
    });
  });

  describe('having a listener that removes another while being told', () => {
    it('does not tell the removed one', () => {
      const { listeners } = setup();
      const told: string[] = [];
      let removeB = () => {};
      listeners.add(() => removeB());
      removeB = listeners.add(() => told.push('b'));
      listeners.emit('k');
      expect(told).to.deep.equal([]);
    });
  });
});
