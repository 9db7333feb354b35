import { deepStrictEqual, equal, ok } from 'node:assert/strict';
import type { PositionId, Price } from '@hoga/model';
import { dec, DEFAULT_FEE_RATE } from '@hoga/model';
import {
  decide,
  decodeStrategySpec,
  positionStateData,
  replay,
  restore,
  type Decision,
  type PositionStateData,
} from '@hoga/position';
import * as E from 'fp-ts/lib/Either.js';
import { executorEvents } from './executor-events.js';
import { eventually, IMMEDIATE_SPEC, type Harness } from './harness.js';

export const ENTRY_PRICE = '100000000';
export const ENTRY_VOLUME = '0.001999';

/** The decider's answer to starting the immediate strategy: PositionOpened + EntryOrderRequested. */
export function openingDecision(
  positionId: PositionId,
  now = '2026-12-07T00:00:00.000Z',
): Decision {
  const spec = decodeStrategySpec(IMMEDIATE_SPEC);
  ok(E.isRight(spec));
  return decide(
    restore(),
    {
      kind: 'start',
      id: 'start-1',
      positionId,
      spec: spec.right,
      openedBy: 'test',
      lastPrice: dec(ENTRY_PRICE) as Price,
    },
    { now, feeRate: DEFAULT_FEE_RATE },
  );
}

/** Runs the immediate strategy and checks the opening: events, PlaceOrder on the work queue. */
export async function runImmediate(h: Harness, commandId = 'cmd-run-1'): Promise<PositionId> {
  const reply = await h.run(IMMEDIATE_SPEC, commandId);
  ok(reply.ok, JSON.stringify(reply));
  const id = reply.positionId;
  deepStrictEqual(await h.types(id), ['PositionOpened', 'EntryOrderRequested']);
  const place = await h.command$(`${id}-e1`);
  ok(place.type === 'PlaceOrder');
  deepStrictEqual(
    [place.data.side, place.data.kind, place.data.totalKrw?.toString()],
    ['bid', 'market', '199900'],
  );
  return id;
}

/** The simulated executor fills the entry: accepted, one trade, done → active. */
export async function fillEntry(h: Harness, id: PositionId, tradeUuid = 't-entry'): Promise<void> {
  const ex = executorEvents(id);
  await h.orderEvent(ex.accepted(`${id}-e1`));
  await h.orderEvent(ex.filled(`${id}-e1`, tradeUuid, ENTRY_VOLUME, ENTRY_PRICE));
  await h.orderEvent(ex.completed(`${id}-e1`, 'done', ENTRY_VOLUME, ENTRY_PRICE));
  await h.until(id, 'PositionActivated');
}

/** Take-profit tick, exit order, exit fill → closed with the exact PnL. */
export async function takeProfit(h: Harness, id: PositionId): Promise<void> {
  await h.tick('103500000');
  await h.until(id, 'ExitOrderRequested');
  const sell = await h.command$(`${id}-x1`);
  ok(sell.type === 'PlaceOrder');
  deepStrictEqual([sell.data.side, sell.data.volume?.toString()], ['ask', ENTRY_VOLUME]);
  const ex = executorEvents(id);
  await h.orderEvent(ex.filled(`${id}-x1`, 't-exit', ENTRY_VOLUME, '103500000'));
  await h.orderEvent(ex.completed(`${id}-x1`, 'done', ENTRY_VOLUME, '103500000'));
  const events = await h.until(id, 'PositionClosed');
  const closed = events.find((e) => e.type === 'PositionClosed');
  ok(closed?.type === 'PositionClosed');
  const entryFunds = dec(ENTRY_VOLUME).mul(ENTRY_PRICE);
  const exitFunds = dec(ENTRY_VOLUME).mul('103500000');
  const fees = (x: typeof entryFunds) => x.mul(DEFAULT_FEE_RATE);
  const pnl = exitFunds.minus(fees(exitFunds)).minus(entryFunds.plus(fees(entryFunds)));
  equal(closed.data.realizedPnlKrw.toString(), pnl.toString());
  equal(closed.data.reason, 'take-profit');
}

/** I4: the listed live state equals the fold of the stored events. */
export async function assertLiveEqualsReplay(h: Harness, id: PositionId): Promise<void> {
  await h.service.idle();
  const folded = replay(await h.events(id));
  const reply = await h.list();
  ok(reply.ok);
  const listed = reply.positions.find((p: PositionStateData) => p.positionId === id);
  ok(listed !== undefined, `position ${id} not listed`);
  const expected = positionStateData(
    folded,
    { lastPrice: listed.lastPrice, peakPrice: listed.peakPrice ?? folded.context.peakPrice },
    DEFAULT_FEE_RATE,
  );
  deepStrictEqual(JSON.stringify(listed), JSON.stringify(expected));
}

export { eventually };
