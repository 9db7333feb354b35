import type { Bus } from '@hoga/bus';
import { subjects } from '@hoga/contracts';
import type { AccountState, PositionState, Tick } from '@hoga/contracts';
import { krw, price, volume, type Market, type PositionId, type StrategyId } from '@hoga/model';

let sequence = 0;
const envelope = <T extends string, D>(type: T, data: D, at: string) => {
  sequence += 1;
  const id = `${type}-${sequence}`;
  return { id, type, occurredAt: at, causationId: null, correlationId: id, data };
};

/** A position snapshot: `volume` coins of KRW-BTC at `last`, with the given PnL figures. */
export function positionState(
  id: string,
  figures: {
    volume: string;
    unrealized: string;
    realized?: string;
    status?: PositionState['data']['status'];
    version?: number;
    last?: string;
  },
  at = '2026-11-23T10:00:00.000Z',
): PositionState {
  return envelope(
    'PositionState',
    {
      positionId: id as PositionId,
      strategyId: 'test-strategy' as StrategyId,
      market: 'KRW-BTC' as Market,
      status: figures.status ?? 'active',
      paused: false,
      volume: volume(figures.volume),
      avgEntryPrice: price('100000000'),
      peakPrice: price('100000000'),
      lastPrice: price(figures.last ?? '100000000'),
      unrealizedPnlKrw: krw(figures.unrealized),
      realizedPnlKrw: krw(figures.realized ?? '0'),
      exitReason: null,
      enteredAt: null,
      exitLevels: null,
      failure: null,
      version: figures.version ?? 1,
    },
    at,
  );
}

/** An account holding only `cash` KRW. */
export function accountState(cash: string, at = '2026-11-23T10:00:00.000Z'): AccountState {
  const zero = krw(0);
  return envelope(
    'AccountState',
    {
      balances: [{ currency: 'KRW', balance: krw(cash), locked: zero, avgBuyPrice: zero }],
      totals: { availableKrw: krw(cash), lockedKrw: zero, costBasisKrw: zero },
    },
    at,
  );
}

/** Publishes a position snapshot on its own subject. */
export const publishPosition = (bus: Bus, state: PositionState): Promise<void> =>
  bus.publish(subjects.positionState(state.data.positionId), state);

/** A trade of 0.01 at `px` on KRW-BTC. */
export function tick(px: string, at = '2026-11-23T10:00:01.000Z'): Tick {
  const message = envelope(
    'Tick',
    {
      market: 'KRW-BTC' as Market,
      price: price(px),
      volume: volume('0.01'),
      side: 'ask' as const,
      tradeTimestamp: Date.parse(at),
      sequentialId: sequence,
      bestBid: null,
      bestAsk: null,
    },
    at,
  );
  return message;
}

/** Publishes a tick on its market's subject. */
export const publishTick = (bus: Bus, message: Tick): Promise<void> =>
  bus.publish(subjects.mdTick(message.data.market), message);
