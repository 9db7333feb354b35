/**
 * The positions of the gateway-history bench: real position events (libs/position's `decide`
 * and machine, as the actor runs them) for a set of template positions, copied under new ids.
 */
import { eventStreams, PositionEvent, type OrderEvent } from '@hoga/contracts';
import { newEventOf, type EventStore, type NewEvent } from '@hoga/event-store';
import {
  dec,
  DEFAULT_FEE_RATE,
  type Krw,
  type Market,
  type PositionId,
  type Price,
  type StrategyId,
  type Volume,
} from '@hoga/model';
import {
  applyDecision,
  decide,
  orderIdFor,
  restore,
  type LivePosition,
  type PositionInput,
} from '@hoga/position';

export const MARKETS = [
  'KRW-BTC',
  'KRW-ETH',
  'KRW-XRP',
  'KRW-SOL',
  'KRW-DOGE',
  'KRW-ADA',
  'KRW-AVAX',
  'KRW-DOT',
  'KRW-LINK',
  'KRW-TRX',
] as const;

/** The first template opens at this time; each next one 10 minutes later. */
export const FIRST_OPEN = Date.parse('2026-01-01T00:00:00.000Z');
const STEP_MS = 10 * 60_000;

/** One template position's events as the store keeps them, as JSON text to copy. */
interface Template {
  readonly id: string;
  readonly json: string;
}

/** Drives one position: a market entry at 1,000 KRW, closed by take profit at 1,030 (or left active). */
function templateEvents(id: PositionId, market: Market, startMs: number, close: boolean) {
  let live: LivePosition = restore();
  const events: PositionEvent[] = [];
  let now = startMs;
  let seq = 0;
  const run = (input: PositionInput) => {
    now += 1000;
    const decision = decide(live, input, {
      now: new Date(now).toISOString(),
      feeRate: DEFAULT_FEE_RATE,
    });
    live = applyDecision(live, decision);
    events.push(...decision.events);
  };
  const order = (
    event: Omit<OrderEvent, 'id' | 'occurredAt' | 'causationId' | 'correlationId'>,
  ) => {
    seq += 1;
    const full = {
      ...event,
      id: `${id}-o${String(seq)}`,
      occurredAt: new Date(now).toISOString(),
      causationId: null,
      correlationId: id,
    } as OrderEvent;
    run({ kind: 'order', id: full.id, event: full });
  };
  const fill = (leg: 'entry' | 'exit', price: string) => {
    const orderId = orderIdFor(id, leg, 1);
    const volume = dec('199.9');
    const funds = volume.mul(price) as Krw;
    const fee = funds.mul(DEFAULT_FEE_RATE) as Krw;
    const common = { positionId: id, orderId, exchangeOrderId: `ex-${orderId}` };
    order({
      type: 'OrderFilled',
      data: {
        ...common,
        tradeUuid: `${orderId}-t`,
        price: dec(price) as Price,
        volume: volume as Volume,
        funds,
        fee,
        at: new Date(now).toISOString(),
        market,
        side: leg === 'entry' ? 'bid' : 'ask',
      },
    });
    order({
      type: 'OrderCompleted',
      data: {
        ...common,
        state: leg === 'entry' ? 'cancel' : 'done',
        executedVolume: volume as Volume,
        executedFunds: funds,
        paidFee: fee,
        tradesCount: 1,
      },
    });
  };
  run({
    kind: 'start',
    id: `${id}-start`,
    positionId: id,
    spec: {
      id: 'bench' as StrategyId,
      market,
      budgetKrw: dec(200_000) as Krw,
      entry: 'immediate',
      exit: { takeProfitPct: dec(3), stopLossPct: dec(5) },
      orders: { entry: 'market', exit: 'market' },
    },
    openedBy: 'bench',
    lastPrice: dec(1000) as Price,
  });
  fill('entry', '1000');
  if (close) {
    run({ kind: 'tick', id: `${id}-tick`, price: dec(1030) as Price, atMs: now });
    fill('exit', '1030');
  }
  return events;
}

/** `count` templates (closed or active), opening 10 minutes apart, markets in turn. */
export function templates(count: number, closed: boolean, offset = 0): Template[] {
  return Array.from({ length: count }, (_, k) => {
    const id = `TPL${String(k + offset)}X` as PositionId;
    const market = MARKETS[k % MARKETS.length]! as Market;
    const events = templateEvents(id, market, FIRST_OPEN + (k + offset) * STEP_MS, closed);
    return { id, json: JSON.stringify(events.map((e) => newEventOf(PositionEvent.encode, e))) };
  });
}

/** The events of `template` under another position id. */
export const copyOf = (template: Template, positionId: string): NewEvent[] =>
  JSON.parse(template.json.replaceAll(template.id, positionId)) as NewEvent[];

/**
 * Appends `count` positions (`<prefix><i>`), each a copy of template `i % templates.length`,
 * with `writers` concurrent appends; returns how many events were stored.
 */
export async function appendPositions(
  store: EventStore,
  list: readonly Template[],
  count: number,
  prefix: string,
  writers = 8,
): Promise<number> {
  let next = 0;
  let stored = 0;
  await Promise.all(
    Array.from({ length: writers }, async () => {
      for (let i = next++; i < count; i = next++) {
        const id = `${prefix}${String(i)}`;
        const events = copyOf(list[i % list.length]!, id);
        await store.append(eventStreams.position(id as PositionId), events, {
          expectedVersion: 'no-stream',
        });
        stored += events.length;
      }
    }),
  );
  return stored;
}
