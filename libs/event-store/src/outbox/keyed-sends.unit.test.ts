import { deepStrictEqual } from 'node:assert/strict';
import type { OutboxMessage } from '../event-store.port.js';
import { KeyedSends, orderingKeyOf } from './keyed-sends.js';

const message = (id: string, subject: string, orderingKey?: string): OutboxMessage => ({
  id,
  subject,
  payload: {},
  headers: {},
  createdAt: new Date(0),
  attempts: 0,
  lastError: null,
  ...(orderingKey !== undefined ? { orderingKey } : {}),
});

/** A bus whose acknowledgements the test gives (true: taken, false: refused), one by one. */
class HeldBus {
  readonly sent: string[] = [];
  readonly #answers = new Map<string, (taken: boolean) => void>();

  readonly sendOne = (m: OutboxMessage): Promise<boolean> => {
    this.sent.push(m.id);
    return new Promise((resolve) => this.#answers.set(m.id, resolve));
  };

  answer(id: string, taken = true): void {
    this.#answers.get(id)!(taken);
  }
}

const turns = async (n = 5) => {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
};

describe('KeyedSends', () => {
  it('the ordering key is the row’s own, else its subject', () => {
    deepStrictEqual(
      [orderingKeyOf(message('a', 's.1')), orderingKeyOf(message('b', 's.1', 'position-7'))],
      ['s.1', 'position-7'],
    );
  });

  it('sends rows of other keys without waiting for earlier acknowledgements', async () => {
    const bus = new HeldBus();
    const sends = new KeyedSends(bus.sendOne);
    sends.send(message('a1', 'evt.a'));
    sends.send(message('b1', 'evt.b'));
    sends.send(message('c1', 'cmd', 'position-c'));
    deepStrictEqual(bus.sent, ['a1', 'b1', 'c1'], 'all three on the wire, none acknowledged');
    bus.answer('a1');
    bus.answer('b1');
    bus.answer('c1');
    await sends.settled();
  });

  it('sends a row of the same key only after the earlier one was taken', async () => {
    const bus = new HeldBus();
    const sends = new KeyedSends(bus.sendOne);
    sends.send(message('p1', 'cmd', 'position-p'));
    sends.send(message('p2', 'cmd', 'position-p'));
    sends.send(message('q1', 'cmd', 'position-q'));
    await turns();
    deepStrictEqual(bus.sent, ['p1', 'q1'], 'p2 waits for p1; q1 does not');
    bus.answer('p1');
    await turns();
    deepStrictEqual(bus.sent, ['p1', 'q1', 'p2']);
    bus.answer('p2');
    bus.answer('q1');
    await sends.settled();
  });

  it('never sends a row after an earlier row of its key was refused; other keys go on', async () => {
    const bus = new HeldBus();
    const sends = new KeyedSends(bus.sendOne);
    sends.send(message('p1', 'evt.p'));
    sends.send(message('p2', 'evt.p'));
    sends.send(message('p3', 'evt.p'));
    bus.answer('p1', false);
    await turns();
    sends.send(message('q1', 'evt.q'));
    bus.answer('q1');
    await sends.settled();
    deepStrictEqual(bus.sent, ['p1', 'q1'], 'p2 and p3 stay pending for the pass');
  });

  it('settled() waits for sends chained behind others, then a key starts afresh', async () => {
    const bus = new HeldBus();
    const sends = new KeyedSends(bus.sendOne);
    sends.send(message('p1', 'evt.p'));
    sends.send(message('p2', 'evt.p'));
    let settled = false;
    const done = sends.settled().then(() => (settled = true));
    bus.answer('p1');
    await turns();
    deepStrictEqual(settled, false, 'p2 is still in flight');
    bus.answer('p2');
    await done;
    sends.send(message('p3', 'evt.p'));
    deepStrictEqual(bus.sent, ['p1', 'p2', 'p3'], 'nothing in flight: p3 goes at once');
    bus.answer('p3');
    await sends.settled();
  });
});
