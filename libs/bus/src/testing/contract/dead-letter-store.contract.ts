import { coreRoute, streamRoute } from '@hoga/contracts';
import { eventually } from '@hoga/testkit';
import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';
import { isBusUsageError } from '../../bus.errors.js';
import type { Bus } from '../../bus.port.js';
import { DeadLetterHeader } from '../../dead-letter.js';
import { createTraceparent, TRACEPARENT } from '../../trace-context.js';
import {
  ping,
  PingC,
  rejectsWith,
  streamSpec,
  text,
  utf8,
  type ContractContext,
} from './fixtures.js';

/**
 * The dead-letter store: letters are kept whether or not anyone listens, one per message however
 * many consumers give up on it, within the stream's limits (oldest discarded first), and can be
 * listed newest first with a subject filter.
 */
export function deadLetterStoreContract({ open, unique, harness, log }: ContractContext): void {
  const keptUnder = async (bus: Bus, prefix: string) =>
    (await bus.keptDeadLetters({ subject: `${prefix}.>`, limit: 100 })).letters;

  describe('dead-letter store', () => {
    it('keeps an undecodable message nobody listens for, and lists it with its facts', async () => {
      const p = unique('kept');
      const route = coreRoute(`${p}.in`, PingC);
      const bus = await open();
      const handled: number[] = [];
      await bus.subscribe(route, (d) => void handled.push(d.data.data.n));
      const traceparent = createTraceparent();
      await harness().publishRaw(route.subject, utf8('{"not":"a ping"}'), {
        [TRACEPARENT]: traceparent,
      });
      await bus.publish(route, ping(1));
      await eventually(() => deepStrictEqual(handled, [1]));

      // A bus opened later (an operator, another service) finds it in the store.
      const later = await open();
      const [letter, ...rest] = await eventually(async () => {
        const letters = await keptUnder(later, p);
        strictEqual(letters.length, 1);
        return letters;
      });
      deepStrictEqual(rest, []);
      strictEqual(letter!.subject, route.subject);
      strictEqual(letter!.reason, 'undecodable');
      ok(letter!.error.includes('invalid Ping'), letter!.error);
      strictEqual(text(letter!.payload), '{"not":"a ping"}');
      strictEqual(letter!.headers[TRACEPARENT], traceparent);
      strictEqual(letter!.by, 'bus-contract');
      ok(letter!.sequence > 0);
      ok(!Number.isNaN(Date.parse(letter!.keptAt)));
      const report = await later.keptDeadLetters({ subject: `${p}.>` });
      ok(report.count >= 1 && report.bytes > 0);
      strictEqual(report.limits.maxMsgs > 0, true);
    });

    it('keeps one letter for a stream message however many consumers fail to decode it', async () => {
      const name = unique('DL');
      const spec = streamSpec(name, [`${name.toLowerCase()}.>`]);
      const route = streamRoute(`${name.toLowerCase()}.evt`, PingC, spec);
      const consumers = ['p0', 'p1', 'p2', 'p3'];
      const buses = await Promise.all(consumers.map(() => open()));
      const acked: string[] = [];
      await Promise.all(
        buses.map((bus, i) =>
          bus.consume(route, { durable: consumers[i]!, ackWaitMs: 5_000, maxDeliver: 3 }, (d) => {
            acked.push(`${consumers[i]}:${d.data.data.n}`);
            return d.ack();
          }),
        ),
      );
      await harness().publishRaw(route.subject, utf8('{"broken":'));
      await buses[0]!.publishDurable(route, ping(2), { msgId: 'good-2' });
      await eventually(() => strictEqual(acked.length, consumers.length));
      for (const durable of consumers)
        await eventually(async () =>
          deepStrictEqual(await harness().consumerState(name, durable), {
            ackPending: 0,
            pending: 0,
          }),
        );
      const letters = await keptUnder(buses[0]!, name.toLowerCase());
      strictEqual(letters.length, 1);
      strictEqual(letters[0]!.headers[DeadLetterHeader.stream]?.endsWith(name), true);
      strictEqual(
        log().lines.filter(
          (l) =>
            l.message === 'bus: message dead-lettered' && l.fields['subject'] === route.subject,
        ).length,
        1,
      );
    });

    it('lets consumers split a subject before decoding: only the owner dead-letters', async () => {
      const name = unique('SPLIT');
      const base = name.toLowerCase();
      const spec = streamSpec(name, [`${base}.>`]);
      const route = streamRoute(`${base}.*`, PingC, spec);
      const owners = { left: `${base}.l`, right: `${base}.r` } as const;
      const handled: string[] = [];
      const buses = await Promise.all([open(), open()]);
      await Promise.all(
        (['left', 'right'] as const).map((side, i) =>
          buses[i]!.consume(
            route,
            {
              durable: side,
              ackWaitMs: 5_000,
              maxDeliver: 3,
              accepts: (subject) => subject === owners[side],
            },
            (d) => (handled.push(`${side}:${d.subject}`), d.ack()),
          ),
        ),
      );
      await harness().publishRaw(owners.left, utf8('not json'));
      await buses[0].publishDurable(streamRoute(owners.right, PingC, spec), ping(1), {
        msgId: 'r-1',
      });
      await eventually(() => deepStrictEqual(handled, [`right:${owners.right}`]));
      for (const durable of ['left', 'right'])
        await eventually(async () =>
          deepStrictEqual(await harness().consumerState(name, durable), {
            ackPending: 0,
            pending: 0,
          }),
        );
      const letters = await keptUnder(buses[0], base);
      deepStrictEqual(
        letters.map((l) => [l.subject, l.reason]),
        [[owners.left, 'undecodable']],
      );
      strictEqual(log().lines.filter((l) => l.message === 'bus: message dead-lettered').length, 1);
    });

    it('discards the oldest letters beyond its max count', async () => {
      const p = unique('limits');
      const route = coreRoute(`${p}.in`, PingC);
      const bus = await open({ deadLetters: { maxMsgs: 3 } });
      const seen: number[] = [];
      await bus.subscribe(route, (d) => void seen.push(d.data.data.n));
      for (let i = 1; i <= 5; i += 1) await harness().publishRaw(route.subject, utf8(`bad ${i}`));
      await bus.publish(route, ping(0));
      await eventually(() => deepStrictEqual(seen, [0]));
      const report = await eventually(async () => {
        const r = await bus.keptDeadLetters({ subject: `${p}.>` });
        deepStrictEqual(
          r.letters.map((l) => text(l.payload)),
          ['bad 5', 'bad 4', 'bad 3'],
        );
        return r;
      });
      strictEqual(report.count, 3);
      strictEqual(report.limits.maxMsgs, 3);
    });

    it('keeps letters under an age limit shorter than its dedup window (one minute)', async () => {
      const p = unique('short-age');
      const route = coreRoute(`${p}.in`, PingC);
      const bus = await open({ deadLetters: { maxAgeMs: 60_000 } });
      await bus.subscribe(route, () => undefined);
      await harness().publishRaw(route.subject, utf8('bad once'));
      const report = await eventually(async () => {
        const r = await bus.keptDeadLetters({ subject: `${p}.>` });
        deepStrictEqual(
          r.letters.map((l) => text(l.payload)),
          ['bad once'],
        );
        return r;
      });
      strictEqual(report.limits.maxAgeMs, 60_000);
    });

    it('answers a bad query with a typed error', async () => {
      const bus = await open();
      await rejectsWith(bus.keptDeadLetters({ limit: 0 }), isBusUsageError);
      await rejectsWith(bus.keptDeadLetters({ limit: 101 }), isBusUsageError);
      await rejectsWith(bus.keptDeadLetters({ subject: 'a b' }), isBusUsageError);
      await rejectsWith(open({ deadLetters: { maxMsgs: 0 } }), isBusUsageError);
    });
  });
}
