import { deepEqual, equal, ok } from 'node:assert/strict';
import * as E from 'fp-ts/lib/Either.js';
import { InMemoryEventStore } from '@hoga/event-store';
import { dec, krw, volume } from '@hoga/model';
import { createLogger } from '@hoga/telemetry';
import type { UpbitAccount } from '@hoga/upbit';
import type { AlertInput } from '../../adapters/bus/alerts.js';
import { AccountWatch, type FindingPolicies } from './account-watch.js';
import type { MarketHolding } from '../../domain/account-watch/balance-drift.rule.js';
import { FindingsStream } from '../../adapters/account-watch/findings.stream.js';
import type { SeenOrder } from '../../domain/account-watch/foreign-order.rule.js';
import type { PolicyOutcome } from '../../adapters/account-watch/trading-state.requester.js';

const order = (uuid: string, over: Partial<SeenOrder> = {}): SeenOrder => ({
  uuid,
  identifier: null,
  market: 'KRW-BTC',
  side: 'bid',
  ordType: 'limit',
  price: dec('95000000'),
  volume: volume('0.001'),
  state: 'wait',
  executedVolume: volume(0),
  executedFunds: krw(0),
  createdAt: '2026-12-06T19:00:00+09:00',
  ...over,
});
const account = (currency: string, total: string): UpbitAccount =>
  ({
    currency,
    balance: dec(total),
    locked: dec(0),
    avg_buy_price: dec(0),
    avg_buy_price_modified: false,
    unit_currency: 'KRW',
  }) as unknown as UpbitAccount;

/** A world of fakes around the real watch, rules and stream (in-memory event store). */
function world(policy: FindingPolicies) {
  const store = new InMemoryEventStore();
  const alerts: AlertInput[] = [];
  const asked: { action: string; findingId: string }[] = [];
  const state = {
    open: [] as SeenOrder[],
    closed: [] as SeenOrder[],
    hoga: new Set<string>(),
    holdings: [] as MarketHolding[],
    busy: new Set<string>(),
    balances: [] as UpbitAccount[],
    risk: { done: true, tradingState: 'REDUCING' } as PolicyOutcome,
  };
  const watch = new AccountWatch({
    stream: new FindingsStream(store),
    orders: {
      open: () => Promise.resolve(state.open),
      closed: () => Promise.resolve(state.closed),
      byUuid: (uuid: string) =>
        Promise.resolve([...state.open, ...state.closed].find((o) => o.uuid === uuid) ?? null),
    } as never,
    hogaOrders: (orders) =>
      Promise.resolve(new Set(orders.filter((o) => state.hoga.has(o.uuid)).map((o) => o.uuid))),
    holdings: {
      holdings: () => Promise.resolve(state.holdings),
      busyMarkets: () => Promise.resolve(state.busy),
    } as never,
    balances: () => Promise.resolve(state.balances),
    alerts: { raise: (a) => Promise.resolve(void alerts.push(a)) },
    trading: {
      apply: (action, findingId) => {
        asked.push({ action, findingId });
        return Promise.resolve(state.risk);
      },
    },
    policy,
    closedWindowMs: 3_600_000,
    clock: () => new Date('2026-12-06T10:00:00.000Z'),
    logger: createLogger({ service: 'test', sinks: [] }),
  });
  const types = async () => (await store.readStream('account-findings')).map((r) => r.type);
  return { watch, state, alerts, asked, types };
}

describe('AccountWatch (fakes around the real rules and stream)', () => {
  it("hoga's own orders are never findings; a foreign one is recorded and alerted once across passes", async () => {
    const w = world({ foreignOrder: 'alert', balanceDrift: 'alert' });
    w.state.open = [order('mine'), order('theirs')];
    w.state.hoga.add('mine');
    await w.watch.reconcile();
    await w.watch.reconcile();
    await w.watch.onUnknownFrame('theirs');
    deepEqual(await w.types(), ['AccountFindingRecorded']);
    equal(w.alerts.length, 1);
    deepEqual(w.asked, [], 'policy alert asks risk-guard nothing');
    deepEqual(
      w.watch.status(false).findings.map((v) => v.finding.findingId),
      ['foreign-order:theirs'],
    );
  });

  it('a foreign order that fills later is updated, not alerted again', async () => {
    const w = world({ foreignOrder: 'alert', balanceDrift: 'alert' });
    w.state.open = [order('theirs')];
    await w.watch.reconcile();
    w.state.open = [];
    w.state.closed = [
      order('theirs', {
        state: 'done',
        executedVolume: volume('0.001'),
        executedFunds: krw(95000),
      }),
    ];
    await w.watch.reconcile();
    deepEqual(await w.types(), ['AccountFindingRecorded', 'AccountFindingUpdated']);
    equal(w.alerts.length, 1);
    equal(w.watch.status(false).foreignTrades[0]?.boughtKrw.toFixed(), '95000');
  });

  it("policy reduce: risk-guard is asked once with the finding's command id; the action is recorded", async () => {
    const w = world({ foreignOrder: 'reduce', balanceDrift: 'alert' });
    w.state.open = [order('theirs')];
    await w.watch.reconcile();
    await w.watch.reconcile();
    deepEqual(w.asked, [{ action: 'reduce', findingId: 'foreign-order:theirs' }]);
    deepEqual(await w.types(), ['AccountFindingRecorded', 'AccountFindingActed']);
    equal(w.watch.status(false).findings[0]?.action?.tradingState, 'REDUCING');
  });

  it('policy halt with risk-guard not answering: retried every pass until done, then never again', async () => {
    const w = world({ foreignOrder: 'halt', balanceDrift: 'alert' });
    w.state.risk = { done: false, why: 'no responders' };
    w.state.open = [order('theirs')];
    await w.watch.reconcile();
    await w.watch.reconcile();
    equal(w.asked.length, 2);
    deepEqual(await w.types(), ['AccountFindingRecorded']);
    w.state.risk = { done: true, tradingState: 'HALTED' };
    await w.watch.reconcile();
    await w.watch.reconcile();
    equal(w.asked.length, 3);
    deepEqual(await w.types(), ['AccountFindingRecorded', 'AccountFindingActed']);
  });

  it('a finding acknowledged before its policy was carried out is not acted on', async () => {
    const w = world({ foreignOrder: 'halt', balanceDrift: 'alert' });
    w.state.risk = { done: false, why: 'risk-guard down' };
    w.state.open = [order('theirs')];
    await w.watch.reconcile();
    const acked = await w.watch.acknowledge({
      id: 'req-1',
      type: 'AcknowledgeFinding',
      occurredAt: '2026-12-06T10:00:00.000Z',
      causationId: null,
      correlationId: 'req-1',
      data: {
        findingId: 'foreign-order:theirs',
        commandId: 'c1',
        issuedBy: 'cli:alice',
        reason: 'mine',
      },
    });
    ok(E.isRight(acked));
    w.state.risk = { done: true, tradingState: 'HALTED' };
    await w.watch.reconcile();
    equal(w.asked.length, 1, 'only the attempt before the acknowledgement');
    equal(w.watch.status(false).openFindings, 0);
  });

  it('balance drift: recorded on the second pass with the same figures, with its own policy', async () => {
    const w = world({ foreignOrder: 'alert', balanceDrift: 'halt' });
    w.state.risk = { done: true, tradingState: 'HALTED' };
    w.state.holdings = [
      { market: 'KRW-BTC', hogaVolume: volume('0.002'), avgEntryPrice: dec('100000000') },
    ];
    w.state.balances = [account('KRW', '1000'), account('BTC', '0')];
    await w.watch.reconcile();
    deepEqual(await w.types(), []);
    equal(w.watch.status(false).holdings[0]?.unmanagedVolume.toFixed(), '-0.002');
    await w.watch.reconcile();
    await w.watch.reconcile();
    deepEqual(await w.types(), ['AccountFindingRecorded', 'AccountFindingActed']);
    deepEqual(w.asked, [{ action: 'halt', findingId: 'balance-drift:KRW-BTC:0.002:0' }]);
    equal(w.alerts.length, 1);
  });

  it('a drift seen while a hoga order of the market is live is not recorded', async () => {
    const w = world({ foreignOrder: 'alert', balanceDrift: 'alert' });
    w.state.holdings = [
      { market: 'KRW-BTC', hogaVolume: volume('0.002'), avgEntryPrice: dec('100000000') },
    ];
    w.state.balances = [account('BTC', '0')];
    w.state.busy = new Set(['KRW-BTC']);
    await w.watch.reconcile();
    await w.watch.reconcile();
    deepEqual(await w.types(), []);
  });

  it('a status reply lists the newest 200 findings and counts every open one', async () => {
    const w = world({ foreignOrder: 'alert', balanceDrift: 'alert' });
    w.state.open = Array.from({ length: 205 }, (_, i) => order(`o-${String(i).padStart(3, '0')}`));
    await w.watch.reconcile();
    const s = w.watch.status(false);
    equal(s.openFindings, 205);
    equal(s.findings.length, 200);
    equal(s.findings.at(-1)?.finding.findingId, 'foreign-order:o-204');
  });
});
