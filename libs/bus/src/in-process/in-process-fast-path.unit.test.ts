import { deepStrictEqual, strictEqual } from 'node:assert/strict';
import * as t from 'io-ts';
import { coreRoute, type Route } from '@hoga/contracts';
import { eventually } from '@hoga/testkit';
import { recordingLogger } from '../testing/recording-logger.js';
import { createInProcessBroker } from './in-process-broker.js';
import { createInProcessBus } from './in-process-bus.js';

/** A codec that counts how often it decodes. */
function countingCodec() {
  const counter = { decodes: 0 };
  const base = t.strict({ n: t.number });
  const codec = new t.Type<{ n: number }, unknown, unknown>(
    'Counted',
    base.is,
    (u, c) => {
      counter.decodes += 1;
      return base.validate(u, c);
    },
    base.encode,
  );
  return { codec, counter };
}

const logger = recordingLogger();

describe('in-process bus: the decoded value travels with the bytes', () => {
  it('subscribers with the publisher’s codec take the value proved at publish: one decode in all', async () => {
    const { codec, counter } = countingCodec();
    const route: Route<{ n: number }> = { subject: 'test.fast.one', codec } as Route<{ n: number }>;
    const broker = createInProcessBroker();
    const bus = createInProcessBus({ logger, broker });
    const got: { n: number }[] = [];
    await bus.subscribe(route, (d) => void got.push(d.data));
    await bus.subscribe(route, (d) => void got.push(d.data));
    await bus.publish(route, { n: 7 });
    await eventually(() => strictEqual(got.length, 2));
    await bus.close();
    broker.close();
    deepStrictEqual(got, [{ n: 7 }, { n: 7 }]);
    strictEqual(counter.decodes, 1, 'only the publish-side round trip decoded');
  });

  it('a subscriber with another codec for the subject decodes the bytes itself', async () => {
    const publisher = countingCodec();
    const other = countingCodec();
    const broker = createInProcessBroker();
    const bus = createInProcessBus({ logger, broker });
    const got: number[] = [];
    const subject = 'test.fast.two';
    await bus.subscribe({ subject, codec: other.codec } as Route<{ n: number }>, (d) => {
      got.push(d.data.n);
    });
    await bus.publish({ subject, codec: publisher.codec } as Route<{ n: number }>, { n: 3 });
    await eventually(() => strictEqual(got.length, 1));
    await bus.close();
    broker.close();
    deepStrictEqual(got, [3]);
    strictEqual(other.counter.decodes, 1);
  });
});

describe('in-process bus: the JSON text is made when something reads it', () => {
  /** Runs `fn` with `JSON.stringify` counted. */
  async function countingStringify(fn: () => Promise<void>): Promise<number> {
    const original = JSON.stringify;
    let calls = 0;
    JSON.stringify = ((...args: Parameters<typeof JSON.stringify>) => {
      calls += 1;
      return original(...args);
    }) as typeof JSON.stringify;
    try {
      await fn();
    } finally {
      JSON.stringify = original;
    }
    return calls;
  }
  const route = coreRoute('test.lazy.one', t.strict({ n: t.number }));

  it('is never made when every subscriber takes the publisher’s decoded value', async () => {
    const broker = createInProcessBroker();
    const bus = createInProcessBus({ logger, broker });
    const got: number[] = [];
    await bus.subscribe(route, (d) => void got.push(d.data.n));
    const calls = await countingStringify(async () => {
      await bus.publish(route, { n: 1 });
      await eventually(() => strictEqual(got.length, 1));
    });
    await bus.close();
    broker.close();
    strictEqual(calls, 0);
  });

  it('is made once for every receiver that reads the bytes and for a stream that keeps them', async () => {
    const broker = createInProcessBroker();
    const bus = createInProcessBus({ logger, broker });
    const stored = broker.ensureStream({
      name: 'LAZY',
      subjects: ['test.lazy.one'],
      retention: 'limits',
      duplicateWindowMs: 60_000,
      maxAgeMs: 60_000,
    });
    const raw: string[] = [];
    for (let i = 0; i < 2; i++)
      broker.subscribe('test.lazy.one', undefined, (m) => {
        raw.push(new TextDecoder().decode(m.data));
      });
    const calls = await countingStringify(() => bus.publish(route, { n: 2 }));
    await bus.close();
    strictEqual(calls, 1);
    deepStrictEqual(raw, ['{"n":2}', '{"n":2}']);
    strictEqual(new TextDecoder().decode(stored.get(1)!.data), '{"n":2}');
    broker.close();
  });
});
