import { eventStreams, PositionEvent, type Fill } from '@hoga/contracts';
import { newEventOf, type EventStore } from '@hoga/event-store';
import {
  DEFAULT_FEE_RATE,
  dec,
  krw,
  price,
  volume,
  type Market,
  type OrderId,
  type PositionId,
  type StrategyId,
} from '@hoga/model';

const MARKET = 'KRW-BTC' as Market;
const AT = '2026-11-23T10:00:00.000Z';

let sequence = 0;
const event = (positionId: PositionId, type: string, data: unknown): PositionEvent => {
  sequence += 1;
  const id = `${positionId}-${type}-${sequence}`;
  return { id, type, occurredAt: AT, causationId: null, correlationId: positionId, data } as never;
};

const fill = (orderId: string, trade: string, vol: string, px: string): Fill => {
  const funds = dec(vol).mul(px);
  return {
    orderId: orderId as OrderId,
    tradeUuid: trade,
    price: price(px),
    volume: volume(vol),
    funds: krw(funds),
    fee: krw(funds.mul(DEFAULT_FEE_RATE)),
    at: AT,
  };
};

const request = (positionId: PositionId, leg: 'entry' | 'exit', vol: string, px: string) => ({
  orderId: `${positionId}-${leg === 'entry' ? 'e' : 'x'}1` as OrderId,
  identifier: `${positionId}-${leg === 'entry' ? 'e' : 'x'}1`,
  leg,
  attempt: 1,
  market: MARKET,
  side: leg === 'entry' ? 'bid' : 'ask',
  kind: 'market',
  price: null,
  volume: leg === 'exit' ? volume(vol) : null,
  totalKrw: leg === 'entry' ? krw(dec(vol).mul(px)) : null,
});

/** A position opened and filled: `vol` BTC bought at `entry` KRW (market buy), now active. */
export function enteredEvents(positionId: PositionId, vol: string, entry: string): PositionEvent[] {
  const entryFill = fill(`${positionId}-e1`, `${positionId}-t-entry`, vol, entry);
  return [
    event(positionId, 'PositionOpened', {
      positionId,
      strategyId: 'test-strategy' as StrategyId,
      market: MARKET,
      budgetKrw: krw('200000'),
      strategy: {},
      openedBy: 'test',
    }),
    event(positionId, 'EntryOrderRequested', request(positionId, 'entry', vol, entry)),
    event(positionId, 'EntryFilled', entryFill),
    event(positionId, 'OrderFinished', {
      orderId: entryFill.orderId,
      state: 'done',
      executedVolume: volume(vol),
    }),
    event(positionId, 'PositionActivated', {
      orderId: entryFill.orderId,
      volume: volume(vol),
      avgEntryPrice: price(entry),
      costKrw: krw(entryFill.funds.plus(entryFill.fee)),
      feesKrw: entryFill.fee,
    }),
  ];
}

/** The exit of an entered position: every coin sold at `exit` KRW, settled. */
export function exitEvents(positionId: PositionId, vol: string, exit: string): PositionEvent[] {
  const exitFill = fill(`${positionId}-x1`, `${positionId}-t-exit`, vol, exit);
  return [
    event(positionId, 'ExitTriggered', {
      reason: 'stop-loss',
      triggerPrice: price(exit),
      at: AT,
      detail: null,
    }),
    event(positionId, 'ExitOrderRequested', request(positionId, 'exit', vol, exit)),
    event(positionId, 'ExitFilled', exitFill),
    event(positionId, 'OrderFinished', {
      orderId: exitFill.orderId,
      state: 'done',
      executedVolume: volume(vol),
    }),
  ];
}

/** Appends events to the position's stream after `expectedVersion`; returns the new version. */
export async function appendPosition(
  store: EventStore,
  positionId: PositionId,
  events: readonly PositionEvent[],
  expectedVersion: number,
): Promise<number> {
  const result = await store.append(
    eventStreams.position(positionId),
    events.map((e) => newEventOf(PositionEvent.encode, e)),
    {
      expectedVersion,
    },
  );
  return result.nextVersion;
}
