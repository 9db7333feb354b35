import { deepStrictEqual, equal, ok } from 'node:assert/strict';
import { isRight } from 'fp-ts/lib/Either.js';
import { PositionEvent } from '@hoga/contracts';
import { dec } from '@hoga/model';
import { machineSpec } from '@hoga/testkit';
import { decodeStrategySpec } from '../strategy/index.js';
import { restore } from './live-position.js';
import { inputs, k, p, positionStep, spec, T0, types } from '../testing/position.js';

const position = machineSpec(positionStep, () => restore());
const rsiDip = { indicator: 'rsi', period: 14, interval: '1m', op: '<', value: dec(30) } as const;

describe('decide: start', () => {
  it('opens an immediate market entry and asks for the entry order, in valid envelopes', () => {
    const start = inputs.start();
    position
      .given([])
      .when(start)
      .then((state, events) => {
        deepStrictEqual(types(events), ['PositionOpened', 'EntryOrderRequested']);
        deepStrictEqual(
          events.map((e) => e.id),
          ['pos-1:1', 'pos-1:2'],
        );
        for (const e of events) {
          deepStrictEqual(
            [e.causationId, e.correlationId, e.occurredAt],
            [start.id, 'pos-1', new Date(T0).toISOString()],
          );
          ok(
            isRight(PositionEvent.decode(PositionEvent.encode(e))),
            `${e.type} round-trips through its codec`,
          );
        }
        const opened = events[0]!;
        ok(opened.type === 'PositionOpened' && isRight(decodeStrategySpec(opened.data.strategy)));
        const order = events[1]!;
        ok(order.type === 'EntryOrderRequested');
        deepStrictEqual(
          [order.data.orderId, order.data.kind, order.data.totalKrw?.toString()],
          ['pos-1-e1', 'market', '199900'],
        );
        equal(state.snapshot.status, 'pending');
      });
  });
  it('waits for the entry condition, then enters on the first tick where it holds', () => {
    const start = inputs.start(spec({ entry: rsiDip }));
    position
      .given([])
      .when(start)
      .then((_, events) => deepStrictEqual(types(events), ['PositionOpened']));
    position
      .given([start])
      .when(inputs.tick(100_000_000))
      .then((_, events) => deepStrictEqual(events, []));
    position
      .given([start])
      .when(inputs.tick(100_000_000, T0, { entry: true }))
      .then((_, events) => deepStrictEqual(types(events), ['EntryOrderRequested']));
    position
      .given([start])
      .when(inputs.candle(100_000_000, T0, { entry: true }))
      .then((_, events) => deepStrictEqual(types(events), ['EntryOrderRequested']));
  });
  it('prices an immediate limit entry from the first tick when launched without a price', () => {
    const start = inputs.start(
      spec({ orders: { entry: { limit: { offsetTicks: 1 } }, exit: 'market' } }),
      null,
    );
    position
      .given([])
      .when(start)
      .then((_, events) => deepStrictEqual(types(events), ['PositionOpened']));
    position
      .given([start])
      .when(inputs.tick(100_000_000))
      .then((_, events) => {
        const order = events[0];
        ok(order?.type === 'EntryOrderRequested');
        deepStrictEqual(
          [order.data.kind, order.data.price?.toString(), order.data.volume?.toString()],
          ['limit', '99999000', '0.00199902'],
        );
      });
  });
  it('ignores a second start', () => {
    const start = inputs.start();
    position
      .given([start])
      .when(inputs.start())
      .then((_, events) => deepStrictEqual(events, []));
  });
  it('fails the position when the budget cannot make a minimum order once the fee is added', () => {
    position
      .given([])
      .when(inputs.start(spec({ budgetKrw: k(5000) })))
      .then((state, events) => {
        deepStrictEqual(types(events), ['PositionOpened', 'PositionFailed']);
        equal(state.snapshot.status, 'error');
        equal(state.snapshot.context.failure?.code, 'under-min-total');
      });
  });
  it('takes the launch price as the last known price', () => {
    position
      .given([])
      .when(inputs.start(spec(), p(100_000_000)))
      .then((state) => equal(state.watch.last?.toString(), '100000000'));
  });
});
