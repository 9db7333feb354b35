import { deepStrictEqual, strictEqual } from 'node:assert/strict';
import type { WireStream } from '../namespace.js';
import { createInProcessBroker } from './in-process-broker.js';

const bytes = new Uint8Array([1]);
const stream = (name: string, subjects: string[]): WireStream => ({
  name,
  subjects,
  retention: 'limits',
  duplicateWindowMs: 60_000,
  maxAgeMs: 60_000,
});

/** The broker remembers each subject's receivers; every change of them must be seen at once. */
describe('in-process broker: remembered routes', () => {
  it('a subscription made after a subject was published receives its next message; one removed receives none', () => {
    const broker = createInProcessBroker();
    const got: string[] = [];
    strictEqual(broker.publish('md.tick.a', bytes, {}), 0, 'nobody yet');
    const removeWild = broker.subscribe(
      'md.tick.*',
      undefined,
      (m) => void got.push(`wild ${m.subject}`),
    );
    const removeExact = broker.subscribe(
      'md.tick.a',
      undefined,
      (m) => void got.push(`exact ${m.subject}`),
    );
    strictEqual(broker.publish('md.tick.a', bytes, {}), 2);
    removeWild();
    strictEqual(broker.publish('md.tick.a', bytes, {}), 1);
    strictEqual(broker.publish('md.tick.b', bytes, {}), 0);
    removeExact();
    strictEqual(broker.publish('md.tick.a', bytes, {}), 0);
    deepStrictEqual(got, ['wild md.tick.a', 'exact md.tick.a', 'exact md.tick.a']);
    broker.close();
  });

  it('a queue group takes turns on a remembered route, and a member that joins later gets its turn', () => {
    const broker = createInProcessBroker();
    const got: string[] = [];
    broker.subscribe('cmd.>', 'workers', () => void got.push('w1'));
    broker.subscribe('cmd.>', 'workers', () => void got.push('w2'));
    for (let i = 0; i < 4; i++) broker.publish('cmd.place', bytes, {});
    broker.subscribe('cmd.>', 'workers', () => void got.push('w3'));
    for (let i = 0; i < 3; i++) broker.publish('cmd.place', bytes, {});
    deepStrictEqual(got.slice(0, 4), ['w1', 'w2', 'w1', 'w2']);
    deepStrictEqual([...got.slice(4)].sort(), ['w1', 'w2', 'w3']);
    broker.close();
  });

  it('a stream created, widened or deleted after a subject was published is seen by its next publish', () => {
    const broker = createInProcessBroker();
    broker.publish('evt.a', bytes, {});
    const s = broker.ensureStream(stream('EVT', ['evt.a']));
    broker.publish('evt.a', bytes, {});
    broker.publish('evt.b', bytes, {});
    strictEqual(s.lastSequence, 1, 'evt.b is not captured yet');
    broker.ensureStream(stream('EVT', ['evt.a', 'evt.b']));
    broker.publish('evt.b', bytes, {});
    strictEqual(s.lastSequence, 2, 'captured once the stream took evt.b');
    broker.deleteStream('EVT');
    const again = broker.ensureStream(stream('EVT2', ['evt.*']));
    broker.publish('evt.b', bytes, {});
    strictEqual(again.lastSequence, 1);
    broker.close();
  });
});
