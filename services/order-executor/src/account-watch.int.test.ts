import { deepEqual, equal, ok } from 'node:assert/strict';
import { eventually } from '@hoga/testkit';
import { marketBuy, orderIdOf } from './testing/commands.js';
import { AccountWatchProbe } from './testing/account-watch.js';
import { Harness, KEYS } from './testing/harness.js';
import { assertExactlyOnce } from './testing/invariants.js';

/** Passes rarely: only myOrder frames find what happens after the first one. */
const SOCKET_ONLY = { accountWatch: { intervalMs: 3_600_000 } };
/** Passes often: the reconciliation finds what the socket missed. */
const POLLING = { accountWatch: { intervalMs: 150 } };

for (const busKind of ['in-process', 'nats'] as const)
  describe(`order-executor: orders and balance changes hoga did not make (${busKind} bus)`, () => {
    let h: Harness;
    let probe: AccountWatchProbe;
    beforeEach(async () => {
      h = await Harness.open(busKind);
      await h.setTradingState('ACTIVE');
      probe = await AccountWatchProbe.open(h);
    });
    afterEach(async () => {
      await probe.close();
      await h.dispose();
    });

    it("a foreign limit order placed while running: one alert, one event, visible until acknowledged (who, why); hoga's own order is never reported", async () => {
      await h.startExecutor(SOCKET_ONLY);
      await h.send(marketBuy('p-own', '200000'));
      await eventually(() => equal(h.events.typesOf(orderIdOf('p-own')).at(-1), 'OrderCompleted'));

      const placed = await probe.other.orders.place({
        market: 'KRW-BTC',
        side: 'bid',
        ord_type: 'limit',
        price: '95000000',
        volume: '0.001',
      });
      const findingId = `foreign-order:${placed.uuid}`;
      await eventually(async () => {
        const s = await probe.status();
        ok(s.ok);
        equal(s.openFindings, 1);
      });
      const status = await probe.status();
      ok(status.ok);
      const [view] = status.findings;
      ok(view);
      const f = view.finding;
      deepEqual(
        [
          f.findingId,
          f.kind,
          f.market,
          f.side,
          f.ordType,
          f.price?.toFixed(),
          f.volume?.toFixed(),
          f.state,
          f.source,
        ],
        [
          findingId,
          'foreign-order',
          'KRW-BTC',
          'bid',
          'limit',
          '95000000',
          '0.001',
          'wait',
          'my-order',
        ],
      );
      equal(f.placedAt, placed.created_at);
      equal(f.policy, 'alert');

      // One alert naming market, side, price, volume, state and when.
      await eventually(() => equal(probe.alerts.length, 1));
      const alert = probe.alerts[0]!.data;
      equal(alert.severity, 'warning');
      equal(alert.dedupKey, `account-finding:${findingId}`);
      for (const part of ['KRW-BTC', 'buy', '95000000', '0.001', 'wait', placed.created_at])
        ok(`${alert.title} ${alert.body}`.includes(part), `the alert names ${part}`);

      // One event with the figures; more frames and passes of the same order add nothing.
      const recorded = (await probe.events()).filter(
        (e) => e.event.type === 'AccountFindingRecorded',
      );
      equal(recorded.length, 1);

      // Acknowledged: recorded with who and why, then gone from the open findings.
      const acked = await probe.ack(findingId, 'ack-1', 'cli:alice', 'my own order in the app');
      ok(acked.ok, JSON.stringify(acked));
      equal(acked.finding.acknowledged?.issuedBy, 'cli:alice');
      const again = await probe.ack(findingId, 'ack-1', 'cli:alice', 'my own order in the app');
      ok(again.ok, 'a repeated command is a no-op');
      const other = await probe.ack(findingId, 'ack-2', 'cli:bob', 'me too');
      ok(!other.ok && other.error.code === 'conflict');
      const after = await probe.status();
      ok(after.ok);
      equal(after.openFindings, 0);
      deepEqual(after.findings, []);
      const all = await probe.status(true);
      ok(all.ok);
      equal(all.findings[0]?.acknowledged?.reason, 'my own order in the app');
      const events = await probe.events();
      const acks = events.filter((e) => e.event.type === 'AccountFindingAcknowledged');
      equal(acks.length, 1);
      const ackData = acks[0]!.event.data as {
        issuedBy: string;
        reason: string;
        commandId: string;
      };
      deepEqual(
        [ackData.issuedBy, ackData.reason, ackData.commandId],
        ['cli:alice', 'my own order in the app', 'ack-1'],
      );
      deepEqual(
        events.map((e) => e.version),
        events.map((_, i) => i + 1),
        'I3: gapless',
      );
      equal(probe.alerts.length, 1, 'still one alert');

      // hoga's own order: never a finding; I1/I2 for it.
      ok(!all.findings.some((v) => v.finding.identifier?.startsWith('hoga-')));
      await assertExactlyOnce(h, orderIdOf('p-own'), 1);
    });

    it('a foreign order the socket missed is found by the periodic reconciliation (filled: the figures are kept apart as foreign trades)', async () => {
      await h.startExecutor(POLLING);
      h.em.admin.setFaults({ refuseWebSockets: true });
      h.em.admin.dropWebSockets('private');
      const placed = await probe.other.orders.place({
        market: 'KRW-BTC',
        side: 'bid',
        ord_type: 'price',
        price: '100000',
      });
      await eventually(async () => {
        const s = await probe.status();
        ok(s.ok);
        equal(s.findings[0]?.finding.exchangeOrderId, placed.uuid);
        ok(s.findings[0]?.finding.executedVolume?.gt(0), 'filled figures');
      });
      const s = await probe.status();
      ok(s.ok);
      const f = s.findings[0]!.finding;
      ok(f.source === 'open-orders' || f.source === 'closed-orders', f.source);
      equal(s.foreignTrades[0]?.market, 'KRW-BTC');
      ok(s.foreignTrades[0]?.boughtVolume.gt(0));
      await eventually(() => equal(probe.alerts.length, 1));
      h.em.admin.setFaults({ refuseWebSockets: false });
    });

    it("balance drift: coins a position holds sold behind hoga's back are found (and the sale itself)", async () => {
      await h.startExecutor(POLLING);
      await h.send(marketBuy('p-drift', '200000'));
      await eventually(() =>
        equal(h.events.typesOf(orderIdOf('p-drift')).at(-1), 'OrderCompleted'),
      );
      const [btc] = (await probe.other.account.balances()).filter((b) => b.currency === 'BTC');
      ok(btc);
      // The person sells every BTC on the account, the position's included.
      await probe.other.orders.place({
        market: 'KRW-BTC',
        side: 'ask',
        ord_type: 'market',
        volume: btc.balance.toFixed(),
      });
      await eventually(async () => {
        const s = await probe.status();
        ok(s.ok);
        const drift = s.findings.find((v) => v.finding.kind === 'balance-drift');
        ok(drift, 'a drift finding');
        equal(drift.finding.market, 'KRW-BTC');
        equal(drift.finding.drift?.exchangeVolume.toFixed(), '0');
        const row = await h.order(orderIdOf('p-drift'));
        equal(drift.finding.drift?.hogaVolume.toFixed(), row?.executed_volume);
        ok(s.findings.some((v) => v.finding.kind === 'foreign-order' && v.finding.side === 'ask'));
      });
      await eventually(() => equal(probe.alerts.length, 2));
      ok(probe.alerts.some((a) => a.data.title.includes("hoga's positions")));
      await assertExactlyOnce(h, orderIdOf('p-drift'), 1);
    });

    it("coins withdrawn from the account (the emulator's balance knob) are a drift with no foreign order; a KRW deposit is none", async () => {
      await h.startExecutor(POLLING);
      await h.send(marketBuy('p-gone', '200000'));
      await eventually(() => equal(h.events.typesOf(orderIdOf('p-gone')).at(-1), 'OrderCompleted'));
      h.em.admin.setBalances(KEYS.accessKey, { KRW: '50000000', BTC: '0' });
      await eventually(async () => {
        const s = await probe.status();
        ok(s.ok);
        deepEqual(
          s.findings.map((v) => [
            v.finding.kind,
            v.finding.market,
            v.finding.drift?.exchangeVolume.toFixed(),
          ]),
          [['balance-drift', 'KRW-BTC', '0']],
        );
      });
      await eventually(() => equal(probe.alerts.length, 1));
      await assertExactlyOnce(h, orderIdOf('p-gone'), 1);
    });
  });
