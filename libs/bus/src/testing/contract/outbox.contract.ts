import { coreRoute, streamRoute, type Route } from '@hoga/contracts';
import { deepStrictEqual, strictEqual } from 'node:assert/strict';
import { isBusEncodeError } from '../../bus.errors.js';
import type { DurableDelivery } from '../../bus.port.js';
import {
  BusOutboxPublisher,
  UnroutableOutboxMessageError,
  type StoredOutboxMessage,
} from '../../outbox/bus-outbox-publisher.js';
import { createTraceparent, TRACEPARENT } from '../../trace-context.js';
import {
  AnyC,
  Inbox,
  QuoteC,
  rejectsWith,
  streamSpec,
  type ContractContext,
  type Quote,
} from './fixtures.js';

const isUnroutable = (e: unknown): e is UnroutableOutboxMessageError =>
  e instanceof UnroutableOutboxMessageError;

/**
 * The one outbox publisher over this bus: a stored row is published as stored (the writer's
 * encoded payload, its headers, the row id as dedup id) to the stream of the route its subject
 * matches; an unroutable or unserializable row is refused and nothing is sent.
 */
export function outboxContract({ open, unique }: ContractContext): void {
  /** A stream `<name>` whose route family is `<name>.quote.*`. */
  const fresh = () => {
    const name = unique('OUTBOX');
    const prefix = name.toLowerCase();
    const spec = streamSpec(name, [`${prefix}.>`]);
    const family = streamRoute(`${prefix}.quote.*`, QuoteC, spec) as Route<unknown>;
    return { prefix, spec, family, concrete: streamRoute(`${prefix}.quote.btc`, QuoteC, spec) };
  };
  const row = (subject: string, id = 'row-1'): StoredOutboxMessage => ({
    id,
    subject,
    // as the writer stored it: the codec's encoded form (the price a decimal string)
    payload: { market: 'KRW-BTC', price: '150000000.5' },
    headers: { [TRACEPARENT]: createTraceparent() },
  });

  describe('outbox publisher', () => {
    it('publishes a row as stored: its payload, headers and row id reach a durable consumer', async () => {
      const { prefix, family, concrete } = fresh();
      const [relay, consumer] = [await open(), await open()];
      const raw = new Inbox<unknown>();
      await consumer.subscribe(coreRoute(`${prefix}.>`, AnyC), (d) => raw.push(d.data));
      const decoded = new Inbox<DurableDelivery<Quote>>();
      await consumer.consume(concrete, { durable: 'd', ackWaitMs: 300, maxDeliver: 3 }, (d) =>
        Promise.resolve(decoded.push(d)).then(() => d.ack()),
      );
      const stored = row(concrete.subject);
      const ack = await new BusOutboxPublisher(relay, [family]).publish(stored);
      strictEqual(ack.duplicate, false);
      const [d] = await decoded.atLeast(1);
      deepStrictEqual(
        [d!.subject, d!.data.market, d!.data.price.toString(), d!.headers['Nats-Msg-Id']],
        [concrete.subject, 'KRW-BTC', '150000000.5', 'row-1'],
      );
      strictEqual(d!.headers[TRACEPARENT], stored.headers[TRACEPARENT]);
      deepStrictEqual(await raw.atLeast(1), [stored.payload]);
    });

    it('a row published again is a duplicate of its id: onPublished hears it once', async () => {
      const { family, concrete } = fresh();
      const bus = await open();
      const heard: string[] = [];
      const publisher = new BusOutboxPublisher(bus, [family], {
        onPublished: (m) => heard.push(m.id),
      });
      const first = await publisher.publish(row(concrete.subject));
      const again = await publisher.publish(row(concrete.subject));
      deepStrictEqual(
        [first.duplicate, again.duplicate, again.sequence, heard],
        [false, true, first.sequence, ['row-1']],
      );
    });

    it('runs each publish inside `around`, sending the headers it gives', async () => {
      const { family, concrete } = fresh();
      const [relay, consumer] = [await open(), await open()];
      const inbox = new Inbox<DurableDelivery<Quote>>();
      await consumer.consume(concrete, { durable: 'd', ackWaitMs: 300, maxDeliver: 3 }, (d) =>
        Promise.resolve(inbox.push(d)).then(() => d.ack()),
      );
      const seen: string[] = [];
      const publisher = new BusOutboxPublisher(relay, [family], {
        around: (subject, id, stored, publish) => {
          seen.push(`${subject} ${id} ${String(stored[TRACEPARENT] !== undefined)}`);
          return publish({ ...stored, 'x-span': 'send' });
        },
      });
      await publisher.publish(row(concrete.subject));
      const [d] = await inbox.atLeast(1);
      deepStrictEqual([seen, d!.headers['x-span']], [[`${concrete.subject} row-1 true`], 'send']);
    });

    it('refuses a row no route fits, and one that does not serialize: nothing is sent', async () => {
      const { prefix, spec, family, concrete } = fresh();
      const [relay, consumer] = [await open(), await open()];
      const ids = new Inbox<string | undefined>();
      const all = streamRoute(`${prefix}.>`, AnyC, spec);
      await consumer.consume(all, { durable: 'd', ackWaitMs: 300, maxDeliver: 3 }, (d) =>
        Promise.resolve(ids.push(d.headers['Nats-Msg-Id'])).then(() => d.ack()),
      );
      const publisher = new BusOutboxPublisher(relay, [family]);
      await rejectsWith(publisher.publish(row(`${prefix}.other.btc`)), isUnroutable);
      const cyclic: { self?: unknown } = {};
      cyclic.self = cyclic;
      await rejectsWith(
        publisher.publish({ ...row(concrete.subject, 'row-2'), payload: cyclic }),
        isBusEncodeError,
      );
      await publisher.publish(row(concrete.subject, 'row-3'));
      deepStrictEqual(await ids.atLeast(1), ['row-3']);
    });
  });
}
