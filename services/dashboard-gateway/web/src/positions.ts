/** A position's row as the page shows it, derived from the `positions` channel's data. */
import type { Decimal } from '@hoga/model/decimal';
import { decimalOf } from './format.js';

export type Status = 'pending' | 'active' | 'closing' | 'closed' | 'error';
export const STATUSES: readonly Status[] = ['active', 'pending', 'closing', 'error', 'closed'];

export interface PositionRow {
  readonly id: string;
  readonly market: string;
  readonly strategy: string;
  readonly status: Status;
  readonly paused: boolean;
  readonly volume: Decimal | undefined;
  readonly entryPrice: Decimal | undefined;
  readonly lastPrice: Decimal | undefined;
  readonly peakPrice: Decimal | undefined;
  /** volume × entry price; undefined when nothing is held (pending, closed: not a 0). */
  readonly principal: Decimal | undefined;
  /** volume × last price; undefined when nothing is held. */
  readonly valuation: Decimal | undefined;
  /** Undefined when nothing is held (a closed position's result is `realized`). */
  readonly unrealized: Decimal | undefined;
  /** unrealized / principal in percent. */
  readonly unrealizedPct: Decimal | undefined;
  readonly realized: Decimal | undefined;
  /** When the entry filled (the position became active), ISO. */
  readonly enteredAt: string | undefined;
  /** The exit levels where the engine fires, on the tick grid (undefined: no such exit, or not active yet). */
  readonly takeProfit: Decimal | undefined;
  readonly stopLoss: Decimal | undefined;
  /** Placed for `peakPrice`; undefined until the peak reaches `trailingArmsAt`. */
  readonly trailingStop: Decimal | undefined;
  readonly trailingArmsAt: Decimal | undefined;
  /** When the time exit fires, ISO. */
  readonly timeLimitAt: string | undefined;
  readonly exitReason: string | null;
  readonly failure: string | null;
  readonly version: number;
}

const str = (u: unknown, fallback = ''): string => (typeof u === 'string' ? u : fallback);
const isStatus = (u: unknown): u is Status =>
  u === 'pending' || u === 'active' || u === 'closing' || u === 'closed' || u === 'error';

/**
 * The figures of a position the page sums over all positions (the summary) and the last price
 * of its market: what every state of every position is parsed for. The rest of a row (levels,
 * peak, times, the percentage) is parsed only for rows someone looks at ({@link positionRow}).
 */
export type PositionFigures = Pick<
  PositionRow,
  | 'id'
  | 'market'
  | 'status'
  | 'volume'
  | 'entryPrice'
  | 'lastPrice'
  | 'principal'
  | 'valuation'
  | 'unrealized'
  | 'realized'
>;

/** The figures of a `positions` entry, or undefined when the data is not a position state. */
export function positionFigures(data: unknown): PositionFigures | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const d = data as Record<string, unknown>;
  if (typeof d['positionId'] !== 'string' || !isStatus(d['status'])) return undefined;
  const volume = decimalOf(d['volume']);
  const entryPrice = decimalOf(d['avgEntryPrice']);
  const lastPrice = decimalOf(d['lastPrice']);
  // nothing held (a pending entry, a closed position): no principal, valuation or unrealized
  // PnL rather than a meaningless 0 (what a closed one earned is `realized`)
  const held = volume !== undefined && !volume.isZero() ? volume : undefined;
  return {
    id: d['positionId'],
    market: str(d['market']),
    status: d['status'],
    volume,
    entryPrice,
    lastPrice,
    principal: held && entryPrice ? held.mul(entryPrice) : undefined,
    valuation: held && lastPrice ? held.mul(lastPrice) : undefined,
    unrealized: held ? decimalOf(d['unrealizedPnlKrw']) : undefined,
    realized: decimalOf(d['realizedPnlKrw']),
  };
}

/**
 * The row of a `positions` entry, or undefined when the data is not a position state
 * (`figures`: its {@link positionFigures}, when already parsed).
 */
export function positionRow(
  data: unknown,
  figures: PositionFigures | undefined = positionFigures(data),
): PositionRow | undefined {
  if (figures === undefined) return undefined;
  const d = data as Record<string, unknown>;
  const { unrealized, principal } = figures;
  const failure = d['failure'] as { cause?: unknown; code?: unknown } | null;
  const levels = (
    typeof d['exitLevels'] === 'object' && d['exitLevels'] !== null ? d['exitLevels'] : {}
  ) as Record<string, unknown>;
  const time = (u: unknown) =>
    typeof u === 'string' && !Number.isNaN(Date.parse(u)) ? u : undefined;
  // one literal of every field (not a spread of the figures: a spread object is slower to make)
  return {
    id: figures.id,
    market: figures.market,
    status: figures.status,
    volume: figures.volume,
    entryPrice: figures.entryPrice,
    lastPrice: figures.lastPrice,
    principal: figures.principal,
    valuation: figures.valuation,
    unrealized: figures.unrealized,
    realized: figures.realized,
    strategy: str(d['strategyId']),
    paused: d['paused'] === true,
    peakPrice: decimalOf(d['peakPrice']),
    unrealizedPct:
      unrealized && principal && !principal.isZero()
        ? unrealized.div(principal).mul(100)
        : undefined,
    enteredAt: time(d['enteredAt']),
    takeProfit: decimalOf(levels['takeProfit']),
    stopLoss: decimalOf(levels['stopLoss']),
    trailingStop: decimalOf(levels['trailingStop']),
    trailingArmsAt: decimalOf(levels['trailingArmsAt']),
    timeLimitAt: time(levels['timeLimitAt']),
    exitReason: typeof d['exitReason'] === 'string' ? d['exitReason'] : null,
    failure:
      failure && typeof failure === 'object'
        ? `${str(failure.cause)}${failure.code ? `: ${str(failure.code)}` : ''}`
        : null,
    version: typeof d['version'] === 'number' ? d['version'] : 0,
  };
}

/** What the machine allows on a position (position-actor refuses the rest). */
export const allowed = (row: PositionRow) => ({
  close: row.status === 'active' || row.status === 'pending',
  pause: !row.paused && (row.status === 'active' || row.status === 'pending'),
  resume: row.paused && row.status !== 'closed',
  retryClose: row.status === 'error',
  dismiss: row.status === 'error',
});
