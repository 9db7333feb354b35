import { deepStrictEqual, equal, ok } from 'node:assert/strict';
import { connectNatsBus, createInProcessBus, removeNatsNamespace, type Bus } from '@hoga/bus';
import type { PositionActorStatusReply } from '@hoga/contracts';
import { PostgresEventStore } from '@hoga/event-store';
import type { PositionId } from '@hoga/model';
import { createTestSchema, testNamespace, testNatsUrl, type TestSchema } from '@hoga/testkit';
import { executorEvents } from './testing/executor-events.js';
import { eventually, Harness } from './testing/harness.js';
import {
  assertLiveEqualsReplay,
  ENTRY_PRICE,
  ENTRY_VOLUME,
  runImmediate,
} from './testing/happy-path.js';

type Status = Extract<PositionActorStatusReply, { ok: true }>;

/**
 * Issue 15 item 1, as reported: well-formed ticks with absurd prices, or naming another market
 * than their subject, published on a market with open positions (take-profit 3 %, stop-loss 5 %,
 * entered at 100,000,000). Nothing may trigger, nothing may close as dust, every stopped tick is
 * counted; then a genuine crash of three trades fires every stop-loss on its third trade (the
 * bound: `confirmTrades` = 2 trades after the first), each position ordering exactly one exit.
 * Run on NATS JetStream (distributed) and on the in-process bus (all-in-one), PostgreSQL both.
 */
for (const transport of ['nats', 'in-process'] as const)
  describe(`bad ticks never move money (${transport} bus, PostgreSQL)`, function () {
    this.timeout(60_000);
    let schema: TestSchema;
    let store: PostgresEventStore;
    let bus: Bus;
    let namespace: string;
    let h: Harness;
    const ids: PositionId[] = [];

    before(async () => {
      schema = await createTestSchema(`bad_ticks_${transport.replace('-', '_')}`);
      store = new PostgresEventStore(schema.poolConfig);
      await store.migrate();
      namespace = testNamespace('bad_ticks');
      bus =
        transport === 'nats'
          ? await connectNatsBus({ servers: await testNatsUrl(), namespace })
          : createInProcessBus();
      h = await new Harness(bus, store).start();
      for (const n of [1, 2]) {
        const id = await runImmediate(h, `cmd-bad-ticks-${n}`);
        const ex = executorEvents(id);
        await h.orderEvent(ex.filled(`${id}-e1`, `t-e-${id}`, ENTRY_VOLUME, ENTRY_PRICE));
        await h.orderEvent(ex.completed(`${id}-e1`, 'done', ENTRY_VOLUME, ENTRY_PRICE));
        await h.until(id, 'PositionActivated');
        ids.push(id);
      }
    });
    after(async () => {
      await h.dispose();
      await bus.close();
      if (transport === 'nats')
        await removeNatsNamespace({ servers: await testNatsUrl(), namespace });
      await store.close();
      await schema.dispose();
    });

    /** Publishes ticks, then waits until the gate has received them all and the actors are idle. */
    async function send(...ticks: [price: string, bodyMarket?: string][]): Promise<Status> {
      const before = await status();
      for (const [price, body] of ticks) await h.tick(price, 'KRW-BTC', body);
      const after = await eventually(async () => {
        const s = await status();
        return s.ticks.received === before.ticks.received + ticks.length && s;
      }, 'the gate received the ticks');
      await h.service.idle();
      return after;
    }
    async function status(): Promise<Status> {
      const reply = await h.status();
      ok(reply.ok, JSON.stringify(reply));
      return reply;
    }
    async function assertUntouched(): Promise<void> {
      for (const id of ids) {
        const types = await h.types(id);
        deepStrictEqual(
          types.filter((t) => /Exit|Closed|Failed/.test(t)),
          [],
          `${id}: ${types.join(',')}`,
        );
        await assertLiveEqualsReplay(h, id);
      }
      const listed = await h.list();
      ok(listed.ok);
      deepStrictEqual(
        listed.positions.map((p) => [p.status, p.volume.toString()]),
        ids.map(() => ['active', ENTRY_VOLUME]),
        'both positions still active, holding their coins',
      );
      // I1: the fake executor received the two entries and nothing else
      deepStrictEqual(h.commands.map((c) => c.id).sort(), ids.map((id) => `${id}-e1`).sort());
    }

    it('1e-30 (off the grid): no stop-loss, no dust close; counted off-tick-grid', async () => {
      const s = await send(['1e-30']);
      equal(s.ticks.rejected['off-tick-grid'], 1);
      await assertUntouched();
    });
    it('0.00000001 (on the grid, far below the band): held, then dropped by the next real trade', async () => {
      let s = await send(['0.00000001']);
      equal(s.ticks.held.outlier, 1);
      deepStrictEqual(
        s.ticks.holding.map((l) => [l.market, l.trades, l.firstPrice.toString()]),
        [['KRW-BTC', 1, '0.00000001']],
      );
      await assertUntouched();
      s = await send(['100010000']);
      deepStrictEqual([s.ticks.dropped, s.ticks.holding], [1, []]);
      await assertUntouched();
    });
    it('1e30: no take-profit (held)', async () => {
      const s = await send(['1e30'], ['100000000']);
      equal(s.ticks.held.outlier, 2);
      await assertUntouched();
    });
    it('a tick naming KRW-ETH on the KRW-BTC subject (at a take-profit price): rejected, counted', async () => {
      const s = await send(['103500000', 'KRW-ETH']);
      equal(s.ticks.rejected['market-mismatch'], 1);
      await assertUntouched();
    });
    it('a genuine crash of three trades fires every stop-loss on its third trade; one exit each', async () => {
      await send(['80000000']);
      await send(['79900000']);
      await assertUntouched(); // two trades: still within the bound, not yet confirmed
      const s = await send(['79800000']);
      equal(s.ticks.confirmed, 1);
      for (const id of ids) {
        const events = await h.until(id, 'ExitOrderRequested');
        const triggered = events.find((e) => e.type === 'ExitTriggered');
        ok(triggered?.type === 'ExitTriggered');
        deepStrictEqual(
          [triggered.data.reason, triggered.data.triggerPrice?.toString()],
          ['stop-loss', '79800000'],
        );
        const sell = await h.command$(`${id}-x1`);
        ok(sell.type === 'PlaceOrder');
        deepStrictEqual([sell.data.side, sell.data.volume?.toString()], ['ask', ENTRY_VOLUME]);
        const ex = executorEvents(id);
        await h.orderEvent(ex.filled(`${id}-x1`, `t-x-${id}`, ENTRY_VOLUME, '79800000'));
        await h.orderEvent(ex.completed(`${id}-x1`, 'done', ENTRY_VOLUME, '79800000'));
        const closed = (await h.until(id, 'PositionClosed')).find(
          (e) => e.type === 'PositionClosed',
        );
        ok(closed?.type === 'PositionClosed');
        deepStrictEqual(
          [closed.data.reason, closed.data.dustVolume.toString()],
          ['stop-loss', '0'],
        );
        await assertLiveEqualsReplay(h, id);
      }
      // I1: one entry and one exit per position, nothing else
      deepStrictEqual(
        h.commands.map((c) => c.id).sort(),
        ids.flatMap((id) => [`${id}-e1`, `${id}-x1`]).sort(),
      );
    });
  });
