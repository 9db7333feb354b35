import { deepEqual, equal, rejects } from 'node:assert/strict';
import { streamRoute } from '@hoga/contracts';
import { BusUsageError } from './bus.errors.js';
import type { Bus } from './bus.port.js';
import { InProcessBroker } from './in-process/in-process-broker.js';
import { createInProcessBus } from './in-process/in-process-bus.js';
import { ping, PingC, streamSpec } from './testing/contract/fixtures.js';
import { recordingLogger } from './testing/recording-logger.js';

describe('reading a stream back (declareStream, readStream)', () => {
  const spec = streamSpec('READS', ['reads.>'], 'limits');
  const on = (subject: string) => streamRoute(subject, PingC, spec);
  let broker: InProcessBroker;
  let bus: Bus;
  beforeEach(async () => {
    broker = new InProcessBroker();
    bus = createInProcessBus({ broker, logger: recordingLogger(), namespace: 'ns' });
    await bus.declareStream(spec);
    // plain publishes are kept once the stream is declared
    for (let n = 1; n <= 10; n += 1)
      await bus.publish(on(n % 2 ? 'reads.odd' : 'reads.even'), ping(n));
  });
  afterEach(() => bus.close());

  const numbers = (r: { messages: readonly { data: { data: { n: number } } }[] }) =>
    r.messages.map((m) => m.data.data.n);

  it('reads newest first, pages with before, and says when the oldest was reached', async () => {
    const first = await bus.readStream(spec, PingC, { limit: 4, maxScan: 100 });
    deepEqual(numbers(first), [10, 9, 8, 7]);
    equal(first.next, 7);
    deepEqual([first.count, first.firstSequence, first.lastSequence], [10, 1, 10]);
    const second = await bus.readStream(spec, PingC, { limit: 4, maxScan: 100, before: 7 });
    deepEqual(numbers(second), [6, 5, 4, 3]);
    const last = await bus.readStream(spec, PingC, { limit: 4, maxScan: 100, before: 3 });
    deepEqual(numbers(last), [2, 1]);
    equal(last.next, undefined);
    const beyond = await bus.readStream(spec, PingC, { limit: 4, maxScan: 100, before: 1 });
    deepEqual([numbers(beyond), beyond.next, beyond.scanned], [[], undefined, 0]);
  });

  it('filters by subject and by a predicate, and stops after maxScan sequences', async () => {
    const odd = await bus.readStream(spec, PingC, { limit: 3, maxScan: 100, subject: 'reads.odd' });
    deepEqual(numbers(odd), [9, 7, 5]);
    const big = await bus.readStream(spec, PingC, {
      limit: 10,
      maxScan: 100,
      match: (m) => m.data.data.n > 7,
    });
    deepEqual(numbers(big), [10, 9, 8]);
    equal(big.scanned, 10);
    const bounded = await bus.readStream(spec, PingC, {
      limit: 10,
      maxScan: 3,
      subject: 'reads.odd',
    });
    deepEqual(numbers(bounded), [9]);
    deepEqual([bounded.scanned, bounded.next], [3, 8]);
  });

  it('skips and counts what does not decode (nothing is dead-lettered)', async () => {
    broker.publish('ns.reads.odd', new TextEncoder().encode('{"not":"a ping"}'), {});
    const letters: unknown[] = [];
    await bus.deadLetters((l) => void letters.push(l));
    const read = await bus.readStream(spec, PingC, { limit: 2, maxScan: 100 });
    deepEqual(numbers(read), [10, 9]);
    equal(read.undecodable, 1);
    deepEqual(letters, []);
  });

  it('refuses bounds out of range', async () => {
    await rejects(bus.readStream(spec, PingC, { limit: 0, maxScan: 1 }), BusUsageError);
    await rejects(bus.readStream(spec, PingC, { limit: 1, maxScan: 100_000 }), BusUsageError);
    await rejects(bus.readStream(spec, PingC, { limit: 1, maxScan: 1, before: 0 }), BusUsageError);
  });
});
