import { eventStreams } from '@hoga/contracts';
import type { PositionId } from '@hoga/model';
import { chainLink, contentHash, type NewEvent, type RecordedEvent } from '@hoga/event-store';

/** An `orders` row of order-executor as the fixture writes it (the columns the audit reads). */
export interface FixtureOrder {
  readonly order_id: string;
  readonly identifier: string;
  readonly position_id: string;
  readonly leg: 'entry' | 'exit';
  readonly attempt: number;
  readonly market: string;
  readonly side: 'bid' | 'ask';
  readonly kind: 'market';
  readonly total_krw: string | null;
  readonly volume: string | null;
  readonly state: string;
  readonly exchange_uuid: string;
}

/** A `trades` row of order-executor as the fixture writes it. */
export interface FixtureTrade {
  readonly trade_uuid: string;
  readonly order_id: string;
  readonly market: string;
  readonly side: 'bid' | 'ask';
  readonly price: string;
  readonly volume: string;
  readonly funds: string;
  readonly fee: string;
  readonly traded_at: string;
}

/** One position's stored events (encoded, as appended) and order-executor's rows for it. */
export interface Life {
  readonly positionId: string;
  readonly events: NewEvent[];
  readonly orders: FixtureOrder[];
  readonly trades: FixtureTrade[];
}

const MARKET = 'KRW-BTC';
const at = (minute: number): string => new Date(Date.UTC(2026, 11, 7, 1, minute)).toISOString();

/**
 * A clean life of one position, as position-actor and order-executor record it: opened by
 * `cli:alice`, a 99,950 KRW market buy at 100,000,000 (fee 49.975), take-profit, the whole
 * 0.0009995 BTC sold at 101,000,000 (fee 50.47475), closed with realized PnL 899.05025 KRW.
 */
export function cleanLife(positionId: string): Life {
  const entry = `${positionId}-e1`;
  const exit = `${positionId}-x1`;
  let n = 0;
  const event = (type: string, minute: number, data: Record<string, unknown>): NewEvent => {
    n += 1;
    const id = `${positionId}-ev${n}`;
    return {
      type,
      data,
      metadata: {
        eventId: id,
        occurredAt: at(minute),
        causationId: null,
        correlationId: positionId,
      },
    };
  };
  const order = (orderId: string, leg: 'entry' | 'exit') => ({
    orderId,
    identifier: orderId,
    leg,
    attempt: 1,
    market: MARKET,
    side: leg === 'entry' ? 'bid' : 'ask',
    kind: 'market',
    price: null,
    volume: leg === 'entry' ? null : '0.0009995',
    totalKrw: leg === 'entry' ? '99950' : null,
  });
  const events = [
    event('PositionOpened', 0, {
      positionId,
      strategyId: 'btc-audit',
      market: MARKET,
      budgetKrw: '100000',
      strategy: { id: 'btc-audit', market: MARKET },
      openedBy: 'cli:alice@desk',
    }),
    event('EntryOrderRequested', 0, order(entry, 'entry')),
    event('EntryFilled', 1, {
      orderId: entry,
      tradeUuid: `${positionId}-t1`,
      price: '100000000',
      volume: '0.0009995',
      funds: '99950',
      fee: '49.975',
      at: at(1),
    }),
    event('OrderFinished', 1, { orderId: entry, state: 'cancel', executedVolume: '0.0009995' }),
    event('PositionActivated', 1, {
      orderId: entry,
      volume: '0.0009995',
      avgEntryPrice: '100000000',
      costKrw: '99999.975',
      feesKrw: '49.975',
    }),
    event('ExitTriggered', 5, {
      reason: 'take-profit',
      triggerPrice: '101000000',
      at: at(5),
      detail: null,
    }),
    event('ExitOrderRequested', 5, order(exit, 'exit')),
    event('ExitFilled', 6, {
      orderId: exit,
      tradeUuid: `${positionId}-t2`,
      price: '101000000',
      volume: '0.0009995',
      funds: '100949.5',
      fee: '50.47475',
      at: at(6),
    }),
    event('OrderFinished', 6, { orderId: exit, state: 'done', executedVolume: '0.0009995' }),
    event('PositionClosed', 6, {
      reason: 'take-profit',
      realizedPnlKrw: '899.05025',
      proceedsKrw: '100949.5',
      feesKrw: '100.44975',
      dustVolume: '0',
      dustPrice: null,
    }),
  ];
  const row = (orderId: string, leg: 'entry' | 'exit', uuid: string): FixtureOrder => ({
    order_id: orderId,
    identifier: orderId,
    position_id: positionId,
    leg,
    attempt: 1,
    market: MARKET,
    side: leg === 'entry' ? 'bid' : 'ask',
    kind: 'market',
    total_krw: leg === 'entry' ? '99950' : null,
    volume: leg === 'entry' ? null : '0.0009995',
    state: leg === 'entry' ? 'cancel' : 'done',
    exchange_uuid: uuid,
  });
  return {
    positionId,
    events,
    orders: [row(entry, 'entry', `${positionId}-u1`), row(exit, 'exit', `${positionId}-u2`)],
    trades: [
      {
        trade_uuid: `${positionId}-t1`,
        order_id: entry,
        market: MARKET,
        side: 'bid',
        price: '100000000',
        volume: '0.0009995',
        funds: '99950',
        fee: '49.975',
        traded_at: at(1),
      },
      {
        trade_uuid: `${positionId}-t2`,
        order_id: exit,
        market: MARKET,
        side: 'ask',
        price: '101000000',
        volume: '0.0009995',
        funds: '100949.5',
        fee: '50.47475',
        traded_at: at(6),
      },
    ],
  };
}

/**
 * The events of a life as the store would give them back (versions 1..n from `first`), chained
 * by their hashes as a store chains them (ADR 0051) from the chain's start.
 */
export const recorded = (life: Life, first = 1): RecordedEvent[] => {
  const streamId = eventStreams.position(life.positionId as PositionId);
  let hash: string | null = null;
  return life.events.map((e, i) => {
    hash = chainLink(
      hash,
      contentHash({ streamId, type: e.type, data: e.data, metadata: e.metadata }),
    );
    return {
      streamId,
      streamVersion: first + i,
      globalPosition: BigInt(first + i),
      transactionId: BigInt(first + i),
      type: e.type,
      data: e.data,
      metadata: e.metadata,
      recordedAt: new Date(e.metadata.occurredAt),
      hash,
    };
  });
};

/** The exchange's ids of a life's two orders and their trades (and how the entry ended). */
export interface ExchangeIds {
  readonly entryUuid: string;
  readonly exitUuid: string;
  readonly entryTrade: string;
  readonly exitTrade: string;
  /** `cancel` (a market buy's refunded dust, Upbit's usual) or `done`. */
  readonly entryState: string;
}

/**
 * The life with the ids a real exchange (the emulator) gave its orders and trades, in the
 * events and in order-executor's rows alike: for audits that compare with the exchange.
 */
export function withExchangeIds(life: Life, ids: ExchangeIds): Life {
  const p = life.positionId;
  const uuid = new Map([
    [`${p}-u1`, ids.entryUuid],
    [`${p}-u2`, ids.exitUuid],
  ]);
  const trade = new Map([
    [`${p}-t1`, ids.entryTrade],
    [`${p}-t2`, ids.exitTrade],
  ]);
  const entry = `${p}-e1`;
  return {
    ...life,
    events: life.events.map((e) => {
      const data = e.data as Record<string, unknown>;
      const tradeUuid = trade.get(String(data['tradeUuid']));
      if (tradeUuid !== undefined) return { ...e, data: { ...data, tradeUuid } };
      if (e.type === 'OrderFinished' && data['orderId'] === entry)
        return { ...e, data: { ...data, state: ids.entryState } };
      return e;
    }),
    orders: life.orders.map((o) => ({
      ...o,
      exchange_uuid: uuid.get(o.exchange_uuid) ?? o.exchange_uuid,
      state: o.order_id === entry ? ids.entryState : o.state,
    })),
    trades: life.trades.map((t) => ({ ...t, trade_uuid: trade.get(t.trade_uuid) ?? t.trade_uuid })),
  };
}
