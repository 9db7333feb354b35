/**
 * Filler history for the restart measurement: closed positions (17 events each, produced by the
 * real decider), appended through the event store in their stored form (codec-encoded data,
 * envelope fields as metadata, as position-actor stores them).
 */
import { performance } from 'node:perf_hooks';
import { eventStreams, PositionEvent, type OrderEvent } from '@hoga/contracts';
import type { EventStore, NewEvent } from '@hoga/event-store';
import {
  dec,
  DEFAULT_FEE_RATE,
  type Krw,
  type Market,
  type OrderId,
  type PositionId,
  type Price,
  type StrategyId,
  type Volume,
} from '@hoga/model';
import {
  applyDecision,
  decide,
  restore,
  type DecideContext,
  type PositionInput,
} from '@hoga/position';

const CTX: DecideContext = { now: '2026-11-20T00:00:00.000Z', feeRate: DEFAULT_FEE_RATE };
const TEMPLATE_ID = 'pos-template0000000000000000';
let seq = 0;

function filled(id: string, orderId: string, volume: string, price: string, side: 'bid' | 'ask') {
  seq += 1;
  const funds = dec(volume).mul(price);
  const event: OrderEvent = {
    id: `h-${seq}`,
    occurredAt: CTX.now,
    causationId: null,
    correlationId: id,
    type: 'OrderFilled',
    data: {
      positionId: id as PositionId,
      orderId: orderId as OrderId,
      tradeUuid: `t-${seq}`,
      price: dec(price) as Price,
      volume: dec(volume) as Volume,
      funds: funds as Krw,
      fee: funds.mul(DEFAULT_FEE_RATE) as Krw,
      at: CTX.now,
      exchangeOrderId: `u-${orderId}`,
      market: 'KRW-FILL' as Market,
      side,
    },
  };
  return { kind: 'order', id: event.id, event } as const;
}

function completed(id: string, orderId: string, executed: string): PositionInput {
  seq += 1;
  const event: OrderEvent = {
    id: `h-${seq}`,
    occurredAt: CTX.now,
    causationId: null,
    correlationId: id,
    type: 'OrderCompleted',
    data: {
      positionId: id as PositionId,
      orderId: orderId as OrderId,
      exchangeOrderId: `u-${orderId}`,
      state: 'cancel',
      executedVolume: dec(executed) as Volume,
      executedFunds: dec(0) as Krw,
      paidFee: dec(0) as Krw,
      tradesCount: 1,
    },
  };
  return { kind: 'order', id: event.id, event };
}

const tick = (price: number): PositionInput => ({
  kind: 'tick',
  id: `k-${(seq += 1)}`,
  price: dec(price) as Price,
  atMs: Date.parse(CTX.now),
});

/** The stored form (JSON text) of one closed position's history, for `TEMPLATE_ID`. */
function closedHistoryTemplate(): { json: string; events: number } {
  const id = TEMPLATE_ID;
  const inputs: PositionInput[] = [
    {
      kind: 'start',
      id: `s-${id}`,
      positionId: id as PositionId,
      spec: {
        id: 'fill' as StrategyId,
        market: 'KRW-FILL' as Market,
        budgetKrw: dec(200_000) as Krw,
        entry: 'immediate',
        exit: {
          takeProfitPct: dec(5),
          stopLossPct: dec(5),
          trailingStopPct: dec(3),
          trailingActivationPct: dec(2),
          maxHoldMinutes: 1440,
        },
        orders: { entry: 'market', exit: 'market' },
      },
      openedBy: 'bench',
      lastPrice: dec(100_000_000) as Price,
    },
    filled(id, `${id}-e1`, '0.001', '100000000', 'bid'),
    filled(id, `${id}-e1`, '0.0005', '100000000', 'bid'),
    filled(id, `${id}-e1`, '0.000499', '100000000', 'bid'),
    completed(id, `${id}-e1`, '0.001999'),
    ...[100_400_000, 100_800_000, 101_500_000, 102_500_000].map(tick),
    tick(105_000_000),
    filled(id, `${id}-x1`, '0.001', '105000000', 'ask'),
    filled(id, `${id}-x1`, '0.0005', '105000000', 'ask'),
    filled(id, `${id}-x1`, '0.000499', '105000000', 'ask'),
  ];
  let live = restore();
  const stored: NewEvent[] = [];
  for (const input of inputs) {
    const decision = decide(live, input, CTX);
    live = applyDecision(live, decision);
    for (const event of decision.events)
      stored.push({
        type: event.type,
        data: (PositionEvent.encode(event) as { data: unknown }).data,
        metadata: {
          eventId: event.id,
          occurredAt: event.occurredAt,
          causationId: event.causationId,
          correlationId: event.correlationId,
        },
      });
  }
  if (live.snapshot.status !== 'closed') throw new Error('filler history did not close');
  return { json: JSON.stringify(stored), events: stored.length };
}

/** What {@link appendFiller} wrote. */
export interface Filler {
  readonly events: number;
  readonly streams: number;
  readonly ms: number;
  readonly eventsPerStream: number;
}

/**
 * Appends closed-position histories (one append of 17 events per stream, `writers` in
 * parallel) until `targetEvents` are stored or `maxMs` has passed.
 */
export async function appendFiller(
  store: EventStore,
  targetEvents: number,
  maxMs: number,
  writers = 8,
): Promise<Filler> {
  const template = closedHistoryTemplate();
  const began = performance.now();
  let streams = 0;
  let events = 0;
  const writer = async () => {
    while (events < targetEvents && performance.now() - began < maxMs) {
      const n = streams++;
      const id = `pos-fill${n.toString(16).padStart(20, '0')}`;
      const batch = JSON.parse(template.json.replaceAll(TEMPLATE_ID, id)) as NewEvent[];
      events += batch.length;
      await store.append(eventStreams.position(id as PositionId), batch, {
        expectedVersion: 'no-stream',
      });
    }
  };
  await Promise.all(Array.from({ length: writers }, writer));
  return { events, streams, ms: performance.now() - began, eventsPerStream: template.events };
}
