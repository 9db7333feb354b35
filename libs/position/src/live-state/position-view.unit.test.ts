import { deepStrictEqual, throws } from 'node:assert/strict';
import { isRight } from 'fp-ts/lib/Either.js';
import { PositionState } from '@hoga/contracts';
import { DEFAULT_FEE_RATE } from '@hoga/model';
import { Driver, inputs, orderEvents as oe, p } from '../testing/position.js';
import { INITIAL_SNAPSHOT } from '../machine/position-snapshot.js';
import { positionStateData } from './position-view.js';

describe('published position state', () => {
  it('shows holdings, entry, peak, last price and PnL after the exit fee', () => {
    const d = new Driver();
    d.runAll(
      inputs.start(),
      inputs.order(oe.filled('pos-1-e1', 't1', '0.001999', '100000000')),
      inputs.order(oe.completed('pos-1-e1', 'cancel', '0.001999')),
      inputs.tick(102_000_000),
    );
    const data = positionStateData(
      d.live.snapshot,
      { lastPrice: d.live.watch.last, peakPrice: d.live.watch.peak },
      DEFAULT_FEE_RATE,
    );
    const { failure, exitLevels, ...figures } = data;
    deepStrictEqual(failure, null);
    // TP 3 %, SL 5 % of 100,000,000 (on the 1,000 KRW grid already); no trailing, no time limit
    deepStrictEqual(
      Object.values(exitLevels ?? {}).map((x) => (x === null ? null : String(x))),
      ['103000000', '95000000', null, null, null],
    );
    const shown = Object.fromEntries(
      Object.entries(figures).map(([key, value]) => [key, String(value)]),
    );
    // 0.001999 x 102,000,000 x 0.9995 − (199,900 + 99.95) = 203,796.051 − 199,999.95
    deepStrictEqual(shown, {
      positionId: 'pos-1',
      strategyId: 'btc-test',
      market: 'KRW-BTC',
      status: 'active',
      paused: 'false',
      volume: '0.001999',
      avgEntryPrice: '100000000',
      peakPrice: '102000000',
      lastPrice: '102000000',
      unrealizedPnlKrw: '3796.101',
      realizedPnlKrw: '0',
      exitReason: 'null',
      enteredAt: '2026-11-23T00:00:00.000Z',
      version: '6',
    });
    const envelope = {
      id: 's',
      type: 'PositionState',
      occurredAt: '2026-11-23T00:00:00Z',
      causationId: null,
      correlationId: 'pos-1',
      data,
    };
    deepStrictEqual(
      isRight(PositionState.decode(PositionState.encode(envelope as PositionState))),
      true,
    );
  });
  it('names why a position is in error (cause and code), and nothing while it is not', () => {
    const d = new Driver();
    d.runAll(inputs.start());
    const view = () =>
      positionStateData(d.live.snapshot, { lastPrice: null, peakPrice: null }, DEFAULT_FEE_RATE);
    deepStrictEqual(view().failure, null);
    d.runAll(inputs.order(oe.denied('pos-1-e1', 'exchange-access-lost')));
    deepStrictEqual(
      [view().status, view().failure],
      ['error', { cause: 'order-denied', code: 'exchange-access-lost' }],
    );
  });
  it('before any tick, values the holdings at the last trade and says so in lastPrice', () => {
    const d = new Driver();
    d.runAll(
      inputs.start(),
      inputs.order(oe.filled('pos-1-e1', 't1', '0.001999', '100000000')),
      inputs.order(oe.completed('pos-1-e1', 'cancel', '0.001999')),
    );
    const data = positionStateData(
      d.live.snapshot,
      { lastPrice: null, peakPrice: null },
      DEFAULT_FEE_RATE,
    );
    // the price the unrealized PnL is valued at is the one published: a reader can re-mark it
    deepStrictEqual(
      [String(data.lastPrice), String(data.unrealizedPnlKrw)],
      ['100000000', String(data.volume.mul('100000000').mul('0.9995').minus('199999.95'))],
    );
  });
  it('has nothing to publish before the position opens', () => {
    throws(() =>
      positionStateData(INITIAL_SNAPSHOT, { lastPrice: p(1), peakPrice: null }, DEFAULT_FEE_RATE),
    );
  });
});
