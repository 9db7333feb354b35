import { deepStrictEqual, equal, ok, throws } from 'node:assert/strict';
import type { PositionEvent, PositionEventOf, PositionEventType } from '@hoga/contracts';
import { dec } from '@hoga/model';
import { Driver, inputs, k, orderEvents, p, v } from '../testing/position.js';
import { evolve, evolveWithMachine } from './evolve.js';
import { replay } from '../replay/replay.js';
import { isPositionEventRejected, type PositionSnapshot } from './position-snapshot.js';

/** A position event with a throwaway envelope. */
function event<T extends PositionEventType>(
  type: T,
  data: PositionEventOf<T>['data'],
): PositionEvent {
  return {
    id: `x-${type}`,
    type,
    occurredAt: '2026-11-23T00:00:00.000Z',
    causationId: null,
    correlationId: 'pos-1',
    data,
  } as PositionEvent;
}

/** Folds `e` through both the table interpreter and xstate; they must agree (state or refusal). */
function step(s: PositionSnapshot, e: PositionEvent): PositionSnapshot {
  let viaTable: PositionSnapshot | Error;
  let viaMachine: PositionSnapshot | Error;
  try {
    viaTable = evolve(s, e);
  } catch (err) {
    viaTable = err as Error;
  }
  try {
    viaMachine = evolveWithMachine(s, e);
  } catch (err) {
    viaMachine = err as Error;
  }
  if (viaTable instanceof Error || viaMachine instanceof Error) {
    ok(
      isPositionEventRejected(viaTable) && isPositionEventRejected(viaMachine),
      `both refuse ${e.type}`,
    );
    throw viaTable;
  }
  deepStrictEqual(viaTable, viaMachine);
  return viaTable;
}
const refuses = (s: PositionSnapshot, e: PositionEvent) =>
  throws(() => step(s, e), isPositionEventRejected);

/** Given inputs, the folded snapshot. */
function given(...list: Parameters<Driver['run']>[0][]): PositionSnapshot {
  const d = new Driver();
  d.runAll(...list);
  return replay(d.stored);
}
const opened = () => given(inputs.start());
const entered = () =>
  given(
    inputs.start(),
    inputs.order(orderEvents.filled('pos-1-e1', 't1', '0.001999', '100000000')),
    inputs.order(orderEvents.completed('pos-1-e1', 'cancel', '0.001999')),
  );
const closing = () =>
  given(
    inputs.start(),
    inputs.order(orderEvents.filled('pos-1-e1', 't1', '0.001999', '100000000')),
    inputs.order(orderEvents.completed('pos-1-e1', 'cancel', '0.001999')),
    inputs.tick('94000000'),
  );
const failed = () =>
  given(
    inputs.start(),
    inputs.order(orderEvents.filled('pos-1-e1', 't1', '0.001999', '100000000')),
    inputs.order(orderEvents.completed('pos-1-e1', 'done', '0.001999')),
    inputs.tick('94000000'),
    inputs.order(orderEvents.rejected('pos-1-x1')),
  );
const trade = (orderId: string, uuid: string, volume: string) =>
  ({
    orderId,
    tradeUuid: uuid,
    price: p(100_000_000),
    volume: v(volume),
    funds: dec(volume).mul(100_000_000),
    fee: dec(0),
    at: '2026-11-23T00:00:00Z',
  }) as PositionEventOf<'EntryFilled'>['data'];
const issued = (commandId: string) => ({ commandId, issuedBy: 'cli:alice', reason: null });

describe('position machine', () => {
  it('opens from unopened and refuses anything else first', () => {
    const s = opened();
    equal(s.status, 'pending');
    equal(s.version, 2);
    refuses(given(), event('PositionPaused', issued('c1')));
  });
  describe('pending', () => {
    it('books entry fills of its own order, once each, within the order', () => {
      const s = step(opened(), event('EntryFilled', trade('pos-1-e1', 't1', '0.001')));
      equal(s.context.bought.volume.toString(), '0.001');
      refuses(s, event('EntryFilled', trade('pos-1-e1', 't1', '0.001')));
      refuses(s, event('EntryFilled', trade('pos-1-e9', 't2', '0.001')));
      refuses(s, event('EntryFilled', trade('pos-1-e1', 't3', '1')));
    });
    it("activates only when the entry is settled and the figures are the fold's", () => {
      const s = step(
        step(opened(), event('EntryFilled', trade('pos-1-e1', 't1', '0.001'))),
        event('OrderFinished', {
          orderId: 'pos-1-e1',
          state: 'cancel',
          executedVolume: v('0.001'),
        } as never),
      );
      const activation = {
        orderId: 'pos-1-e1',
        volume: v('0.001'),
        avgEntryPrice: p(100_000_000),
        costKrw: dec(100000),
        feesKrw: dec(0),
      } as PositionEventOf<'PositionActivated'>['data'];
      refuses(s, event('PositionActivated', { ...activation, avgEntryPrice: p(99_000_000) }));
      equal(step(s, event('PositionActivated', activation)).status, 'active');
    });
    it('refuses exits, peaks and a second entry order while pending', () => {
      refuses(
        opened(),
        event('ExitTriggered', {
          reason: 'stop-loss',
          triggerPrice: null,
          at: '2026-11-23T00:00:00Z',
          detail: null,
        }),
      );
      refuses(opened(), event('PeakPriceRaised', { price: p(1), at: '2026-11-23T00:00:00Z' }));
      const second = {
        ...opened().context.orders[0]!.request,
        orderId: 'pos-1-e2',
        identifier: 'pos-1-e2',
        attempt: 2,
      } as PositionEventOf<'EntryOrderRequested'>['data'];
      refuses(opened(), event('EntryOrderRequested', second));
    });
  });
  describe('active', () => {
    it('goes closing on an exit trigger; pause holds back take-profit and strategy exits only', () => {
      const trigger = (reason: PositionEventOf<'ExitTriggered'>['data']['reason']) =>
        event('ExitTriggered', {
          reason,
          triggerPrice: null,
          at: '2026-11-23T00:00:00Z',
          detail: null,
        });
      equal(step(entered(), trigger('take-profit')).status, 'closing');
      const paused = step(entered(), event('PositionPaused', issued('c1')));
      refuses(paused, trigger('take-profit'));
      refuses(paused, trigger('strategy-exit'));
      for (const reason of [
        'stop-loss',
        'trailing-stop',
        'time-limit',
        'operator-close',
        'risk-halt',
      ] as const)
        equal(step(paused, trigger(reason)).status, 'closing');
    });
    it('raises the persisted peak only upwards; refuses exit fills and repeated command ids', () => {
      const s = step(
        entered(),
        event('PeakPriceRaised', { price: p(101_000_000), at: '2026-11-23T00:00:00Z' }),
      );
      refuses(s, event('PeakPriceRaised', { price: p(101_000_000), at: '2026-11-23T00:00:00Z' }));
      refuses(entered(), event('ExitFilled', trade('pos-1-x1', 'x', '0.001')));
      const paused = step(entered(), event('PositionPaused', issued('c1')));
      refuses(paused, event('PositionResumed', issued('c1')));
      refuses(paused, event('PositionPaused', issued('c2')));
    });
  });
  describe('closing (OCO)', () => {
    it('evaluates no other exit and allows one exit order at a time, never more than held', () => {
      const s = closing();
      equal(s.status, 'closing');
      refuses(
        s,
        event('ExitTriggered', {
          reason: 'take-profit',
          triggerPrice: null,
          at: '2026-11-23T00:00:00Z',
          detail: null,
        }),
      );
      const next = {
        ...s.context.orders[1]!.request,
        orderId: 'pos-1-x2',
        identifier: 'pos-1-x2',
        attempt: 2,
      } as PositionEventOf<'ExitOrderRequested'>['data'];
      refuses(s, event('ExitOrderRequested', next));
      refuses(s, event('PositionPaused', issued('c1')));
      // Only a resting limit exit can be cancelled (this one is a market stop-loss sell).
      refuses(
        s,
        event('ExitOrderCancelRequested', { orderId: 'pos-1-x1', reason: 'risk-halt' } as never),
      );
      refuses(s, event('EntryOrderCancelRequested', { orderId: 'pos-1-x1' } as never));
    });
    it("closes only with the fold's own figures once nothing is live", () => {
      const s = step(closing(), event('ExitFilled', trade('pos-1-x1', 'x1', '0.001999')));
      equal(s.context.liveOrderId, null);
      const close = {
        reason: 'stop-loss',
        realizedPnlKrw: dec('-99.95'),
        proceedsKrw: dec(199900),
        feesKrw: dec('99.95'),
        dustVolume: v(0),
        dustPrice: null,
      } as PositionEventOf<'PositionClosed'>['data'];
      refuses(s, event('PositionClosed', { ...close, realizedPnlKrw: k(0) }));
      refuses(s, event('PositionClosed', { ...close, reason: 'take-profit' }));
      equal(step(s, event('PositionClosed', close)).status, 'closed');
    });
  });
  describe('error and closed', () => {
    it('retries into closing, or closes after a dismissal; late trades are still booked', () => {
      const s = failed();
      equal(s.status, 'error');
      equal(step(s, event('CloseRetried', issued('c1'))).status, 'closing');
      refuses(
        s,
        event('PositionClosed', {
          reason: 'stop-loss',
          realizedPnlKrw: dec(0),
          proceedsKrw: dec(0),
          feesKrw: dec('99.95'),
          dustVolume: v('0.001999'),
          dustPrice: p(1),
        } as never),
      );
      refuses(s, event('EntryFilled', trade('pos-1-e1', 'late', '0.000001')));
      // An exit order whose final state contradicted its fills: error, and its later trades still count.
      const d = new Driver();
      d.runAll(
        inputs.start(),
        inputs.order(orderEvents.filled('pos-1-e1', 't1', '0.001999', '100000000')),
        inputs.order(orderEvents.completed('pos-1-e1', 'done', '0.001999')),
        inputs.tick('94000000'),
      );
      d.runAll(
        inputs.order(orderEvents.filled('pos-1-x1', 'x1', '0.001', '94000000')),
        inputs.order(orderEvents.completed('pos-1-x1', 'cancel', '0.0005')),
      );
      const mismatch = replay(d.stored);
      equal(mismatch.status, 'error');
      equal(mismatch.context.failure?.code, 'executed-volume-mismatch');
      const late = step(mismatch, event('ExitFilled', trade('pos-1-x1', 'x2', '0.000999')));
      equal(late.context.sold.volume.toString(), '0.001999');
      refuses(late, event('ExitFilled', trade('pos-1-x1', 'x3', '0.000001')));
    });
    it('never leaves closed', () => {
      const d = new Driver();
      d.runAll(
        inputs.start(),
        inputs.command('close'),
        inputs.order(orderEvents.completed('pos-1-e1', 'cancel', '0')),
      );
      const s = replay(d.stored);
      equal(s.status, 'closed');
      for (const e of d.stored) refuses(s, e);
      refuses(s, event('PositionPaused', issued('late')));
    });
  });
});
